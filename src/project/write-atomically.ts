import { chmod, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Replace `file`'s contents so that no reader ever sees half of them: write
 * a temporary file in the same folder (so the rename cannot cross devices),
 * give it the original's permissions, then rename it over the original.
 */
export async function writeFileAtomically(file: string, contents: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, contents, { flag: "wx" });
    await chmod(temporary, (await stat(file)).mode & 0o7777);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
