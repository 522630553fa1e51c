import { lstatSync, readFileSync, statSync, type Dirent, type Stats } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, unlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "./output.js";

/** What {@link writeSite} did. */
export interface WriteSummary {
  written: number;
  unchanged: number;
  removed: number;
}

/** Files written at once: enough to keep the disk busy, few enough to stay far below the open-files limit. */
const concurrency = 32;

/** Every file and folder under `dir`, as paths relative to it. */
async function existingTree(dir: string): Promise<{ files: Set<string>; folders: Set<string> }> {
  const files = new Set<string>();
  const folders = new Set<string>();
  const walk = async (relative: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const name = path.join(relative, entry.name);
        if (entry.isDirectory()) {
          folders.add(name);
          await walk(name);
        } else {
          files.add(name);
        }
      }),
    );
  };
  await walk("");
  return { files, folders };
}

/**
 * True when `destination` already holds what `file` would write: for a copy,
 * the same size and modification time as its source (copies are stamped with
 * the source's time); for built bytes, the same bytes. Synchronous, because
 * thousands of small `stat`s are quicker without a round trip through the
 * thread pool each.
 */
function isUnchanged(file: OutputFile, destination: string): boolean {
  let existing: Stats;
  try {
    existing = lstatSync(destination);
  } catch {
    return false;
  }
  if (!existing.isFile()) return false;
  if ("source" in file) {
    const source = statSync(file.source);
    return existing.size === source.size && Math.abs(existing.mtimeMs - source.mtimeMs) < 1;
  }
  const bytes = typeof file.contents === "string" ? Buffer.from(file.contents) : file.contents;
  return existing.size === bytes.byteLength && readFileSync(destination).equals(bytes);
}

/** The hidden name a file is written under beside its destination before it is renamed into place. */
function temporaryName(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.${process.pid}.lessons-tmp`);
}

async function writeTemporary(file: OutputFile, temporary: string): Promise<void> {
  if ("source" in file) {
    await copyFile(file.source, temporary);
    const source = await stat(file.source);
    await utimes(temporary, source.atime, source.mtime);
  } else {
    await writeFile(temporary, file.contents);
  }
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Bring `outDir` in line with `files`: unchanged files are left alone (so a
 * build that changed nothing writes nothing); every changed file is first
 * written to a temporary name beside it, and only when all of them are
 * written are they renamed over the old ones (so a reader sees the old file
 * or the new one, never half of one, and a write that fails — a full disk —
 * removes the temporary files and leaves the previous site as it was); then
 * files and folders that are no longer part of the site are deleted. Only a
 * successful build is written (the CLI writes nothing when a build has
 * errors), so a failed build leaves the previous site as it was too.
 */
export async function writeSite(outDir: string, files: OutputFile[]): Promise<WriteSummary> {
  const target = path.resolve(outDir);
  await mkdir(target, { recursive: true });
  const existing = await existingTree(target);
  const wanted = new Map(files.map((file) => [path.normalize(file.path), file]));
  const folders = new Set<string>();
  for (const relative of wanted.keys()) {
    for (let folder = path.dirname(relative); folder !== "."; folder = path.dirname(folder)) folders.add(folder);
  }
  for (const folder of [...folders].sort()) {
    if (existing.files.has(folder)) await unlink(path.join(target, folder));
    if (!existing.folders.has(folder)) await mkdir(path.join(target, folder), { recursive: true });
  }
  const summary: WriteSummary = { written: 0, unchanged: 0, removed: 0 };
  const changed = [...wanted].filter(
    ([relative, file]) => !(existing.files.has(relative) && isUnchanged(file, path.join(target, relative))),
  );
  summary.unchanged = wanted.size - changed.length;
  const written: string[] = [];
  try {
    await inBatches(changed, async ([relative, file]) => {
      const temporary = temporaryName(path.join(target, relative));
      written.push(temporary);
      await writeTemporary(file, temporary);
    });
  } catch (error) {
    await inBatches(written, (temporary) => rm(temporary, { force: true }));
    throw error;
  }
  await inBatches(changed, async ([relative]) => {
    const destination = path.join(target, relative);
    if (existing.folders.has(relative)) await rm(destination, { recursive: true, force: true });
    await rename(temporaryName(destination), destination);
    summary.written += 1;
  });
  const stale = [...existing.files].filter((relative) => !wanted.has(relative));
  await inBatches(stale, async (relative) => {
    // ENOTDIR: the file was inside a folder that a file has just replaced, so it is gone already.
    await rm(path.join(target, relative), { force: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTDIR") throw error;
    });
    summary.removed += 1;
  });
  const emptied = [...existing.folders].filter((folder) => !folders.has(folder)).sort((a, b) => b.length - a.length);
  for (const folder of emptied) await rmdir(path.join(target, folder)).catch(() => undefined);
  return summary;
}
