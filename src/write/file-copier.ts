import { closeSync, fstatSync, futimesSync, linkSync, lstatSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { racyWindowMs } from "../project/file-times.js";
import type { OutputFile } from "../render/output.js";

/**
 * True when `destination` already holds what `file` would write: for a copy,
 * a link to its source, or a copy with the same size and modification time
 * as its source (copies are stamped with the source's time) when the source
 * has not changed too recently for its time to tell (the cache's rule, see
 * `racyWindowMs`); for built bytes, the same bytes.
 */
export function isUnchanged(file: OutputFile, destination: string): boolean {
  const existing = lstatSync(destination, { throwIfNoEntry: false });
  if (!existing?.isFile()) return false;
  if ("source" in file) {
    const source = statSync(file.source);
    if (existing.ino === source.ino && existing.dev === source.dev) return true;
    return existing.size === source.size && Math.abs(existing.mtimeMs - source.mtimeMs) < 1 && source.mtimeMs < Date.now() - racyWindowMs;
  }
  const bytes = typeof file.contents === "string" ? Buffer.from(file.contents) : file.contents;
  return existing.size === bytes.byteLength && readFileSync(destination).equals(bytes);
}

/**
 * Copy `source` to a new file `destination` with the source's permissions
 * (less the umask) and modification time, which is how {@link isUnchanged}
 * recognises the copy later. Through open files rather than `copyFile`,
 * `stat` and `utimes`: two path lookups per file instead of four, and on
 * ext4 a third quicker.
 */
function copyStamped(source: string, destination: string): void {
  const from = openSync(source, "r");
  try {
    const stats = fstatSync(from);
    const bytes = readFileSync(from);
    const to = openSync(destination, "w", stats.mode);
    try {
      writeFileSync(to, bytes);
      futimesSync(to, stats.atime, stats.mtime);
    } finally {
      closeSync(to);
    }
  } finally {
    closeSync(from);
  }
}

/**
 * Copies into the site are hard links to their sources where the disk
 * allows it: one directory entry instead of a new file and its bytes, which
 * on ext4 after a large delete is the difference between about one second
 * and four for a course's thousands of data files. A link has its source's
 * size and time, so {@link isUnchanged} recognises it like a copy; nothing
 * here writes into an existing file (a replaced file is renamed over), so
 * the sources are never changed through their links. Where linking fails
 * (another file system, a disk without links), files are copied, and after
 * the first such failure no other link is tried.
 */
export function fileCopier(): (source: string, destination: string) => void {
  let linking = true;
  return (source, destination) => {
    if (linking) {
      try {
        linkSync(source, destination);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EXDEV" || code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS") linking = false;
      }
    }
    copyStamped(source, destination);
  };
}
