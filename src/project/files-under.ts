import { readdirSync, type Dirent } from "node:fs";
import path from "node:path";

/**
 * Every file under `dir`, recursively, in a fixed order (by name at each
 * level), skipping hidden names and not following links to folders; a
 * folder that cannot be read counts as empty.
 */
export function filesUnder(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !entry.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(absolute);
      return entry.isFile() || entry.isSymbolicLink() ? [absolute] : [];
    });
}
