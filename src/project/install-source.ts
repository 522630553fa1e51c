import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Where a copy of lessons came from, as a new course's `package.json` names it. */
export interface InstallSource {
  /** The dependency spec: `^0.1.0` from a registry, else the tarball, git or folder address it was installed from. */
  spec: string;
  /** Whether another machine (the Pages workflow's) can install it too: not a file or folder on this one. */
  portable: boolean;
}

/** What a lockfile says of one installed package. */
interface LockedPackage {
  version?: string;
  resolved?: string;
}

function lockedPackage(lockfile: string, location: string): LockedPackage | undefined {
  try {
    const lock = JSON.parse(readFileSync(lockfile, "utf8")) as { packages?: Record<string, LockedPackage> };
    return lock.packages?.[location];
  } catch {
    return undefined;
  }
}

/** A tarball a registry serves: `https://registry.npmjs.org/lessons/-/lessons-0.1.0.tgz`. */
function isRegistryTarball(resolved: string): boolean {
  return /^https?:\/\/[^/]+\/.*\/-\/[^/]+\.tgz$/.test(resolved);
}

/**
 * Where the package at `packageRoot` (of version `version`) was installed
 * from, read from the lockfile of the tree that installed it (npm keeps
 * one in `node_modules/.package-lock.json`, for a global install too): a
 * registry's version, or the tarball, git or file address it was
 * installed from (a relative file address made absolute, so that it holds
 * from any folder). A copy that no npm installed (a checkout of the
 * repository) is named by its folder.
 */
export function installSource(packageRoot: string, version: string): InstallSource {
  const root = path.resolve(packageRoot);
  const parts = root.split(path.sep);
  const at = parts.lastIndexOf("node_modules");
  if (at > 0) {
    const tree = parts.slice(0, at).join(path.sep) || path.sep;
    const location = parts.slice(at).join("/");
    for (const lockfile of [path.join(tree, "node_modules", ".package-lock.json"), path.join(tree, "package-lock.json")]) {
      const resolved = existsSync(lockfile) ? lockedPackage(lockfile, location)?.resolved : undefined;
      if (resolved === undefined) continue;
      if (isRegistryTarball(resolved)) return { spec: `^${version}`, portable: true };
      if (resolved.startsWith("file:")) return { spec: `file:${path.resolve(tree, resolved.slice("file:".length))}`, portable: false };
      return { spec: resolved, portable: true };
    }
  }
  return { spec: `file:${root}`, portable: false };
}
