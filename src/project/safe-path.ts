import { accessSync, constants, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** Why a path was refused by {@link resolveInside}. */
export type PathRefusal = "absolute" | "escapes" | "symlink-escapes";

/** The result of resolving an author-written path inside a folder. */
export type InsideResult = { ok: true; path: string } | { ok: false; reason: PathRefusal };

/** True when `child` is `parent` or lies under it (lexically: links are not followed). */
export function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * False when `file` exists but is, or lies under, a symbolic link whose
 * target is outside `root`; nothing is read from such a file.
 */
export function staysInside(file: string, root: string): boolean {
  try {
    return isWithin(realpathSync(root), realpathSync(file));
  } catch {
    return true;
  }
}

/**
 * Resolve `relative` (as an author wrote it) against `base`, refusing absolute
 * paths, `..` that leaves `base`, and symbolic links whose target lies outside
 * `root`. Missing files are not an error here: the caller decides.
 */
export function resolveInside(base: string, relative: string, root: string): InsideResult {
  if (path.isAbsolute(relative) || /^[a-zA-Z]:[\\/]/.test(relative) || relative.startsWith("\\")) {
    return { ok: false, reason: "absolute" };
  }
  const resolved = path.resolve(base, relative);
  if (!isWithin(base, resolved)) return { ok: false, reason: "escapes" };
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch {
    return { ok: true, path: resolved };
  }
  if (!isWithin(realpathSync(root), real)) return { ok: false, reason: "symlink-escapes" };
  return { ok: true, path: resolved };
}

/** A sentence explaining a refusal, for diagnostics. */
export function describeRefusal(reason: PathRefusal): string {
  switch (reason) {
    case "absolute":
      return "absolute paths are not allowed";
    case "escapes":
      return "the path leaves its folder";
    case "symlink-escapes":
      return "the path is a symbolic link to a file outside the project";
  }
}

/** True when `file` is a regular file (or a link to one) this process may read, so it can be read or copied. */
export function isFile(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
