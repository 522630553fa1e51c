import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "./output.js";

/**
 * Write the site to `outDir` so that readers never see a half-written site:
 * everything goes to a sibling staging folder first, which then replaces
 * `outDir` with two renames. If writing fails, `outDir` is left as it was.
 */
export async function writeSite(outDir: string, files: OutputFile[]): Promise<void> {
  const target = path.resolve(outDir);
  const staging = `${target}.partial`;
  const previous = `${target}.previous`;
  await rm(staging, { recursive: true, force: true });
  try {
    const folders = new Set(files.map((file) => path.dirname(path.join(staging, file.path))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    await mkdir(staging, { recursive: true });
    await Promise.all(
      files.map((file) => {
        const destination = path.join(staging, file.path);
        return "contents" in file ? writeFile(destination, file.contents) : copyFile(file.source, destination);
      }),
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
  await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
}
