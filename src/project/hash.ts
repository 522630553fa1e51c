import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * A hex SHA-256 of the parts, each length-prefixed so that `["ab", "c"]` and
 * `["a", "bc"]` differ. Consecutive text parts go to the hash as one string
 * (a cache key is dozens of short parts), which hashes the same bytes.
 */
export function hashParts(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") {
      text += `${Buffer.byteLength(part)}:${part}`;
      continue;
    }
    hash.update(`${text}${part.byteLength}:`);
    hash.update(part);
    text = "";
  }
  if (text !== "") hash.update(text);
  return hash.digest("hex");
}

/** The hash of a file's bytes, or `"-"` when it cannot be read (a missing file is an input too). */
export function hashFile(file: string): string {
  try {
    return hashParts([readFileSync(file)]);
  } catch {
    return "-";
  }
}

/** The entries of one folder, each marked as a folder or not; `[]` when it cannot be read. */
export type FolderReader = (folder: string) => { name: string; folder: boolean }[];

/** Read a folder's entries from disk. */
export const readFolder: FolderReader = (folder) => {
  try {
    return readdirSync(folder, { withFileTypes: true }).map((entry) => ({ name: entry.name, folder: entry.isDirectory() }));
  } catch {
    return [];
  }
};

/**
 * Every name under `dir` (recursively, relative, sorted, folders marked with
 * a trailing `/`), or `[]` when it does not exist. A lesson's output depends
 * on which files exist even when it does not read them (a missing data file,
 * an unused one), so the listing is part of its cache key.
 */
export function listFolder(dir: string, read: FolderReader = readFolder): string[] {
  const names: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of read(folder)) {
      const name = `${prefix}${entry.name}`;
      if (entry.folder) {
        names.push(`${name}/`);
        walk(path.join(folder, entry.name), `${name}/`);
      } else {
        names.push(name);
      }
    }
  };
  walk(dir, "");
  return names.sort();
}
