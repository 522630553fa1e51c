import { createHash } from "node:crypto";
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";

/** A hex SHA-256 of the parts, each length-prefixed so that `["ab", "c"]` and `["a", "bc"]` differ. */
export function hashParts(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part) : part;
    hash.update(`${bytes.byteLength}:`);
    hash.update(bytes);
  }
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

/**
 * Every name under `dir` (recursively, relative, sorted, folders marked with
 * a trailing `/`), or `[]` when it does not exist. A lesson's output depends
 * on which files exist even when it does not read them (a missing data file,
 * an unused one), so the listing is part of its cache key.
 */
export function listFolder(dir: string): string[] {
  const names: string[] = [];
  const walk = (folder: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
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
