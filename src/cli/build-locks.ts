import { mkdirSync, rmdirSync } from "node:fs";
import path from "node:path";
import { lockFolder, LockedElsewhere, type FolderLock } from "../write/folder-lock.js";
import { besideOutput } from "../write/swap.js";
import type { Run } from "./invocation.js";

/** Why a build does not run: another holds its output folder or cache on another machine, where whether it still runs cannot be told. */
export class BuildRefused extends Error {}

/** A lock that cannot be made where the disk refuses it (read-only, full): the build goes on, and what it cannot write it reports. */
const unlockable = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC"]);

/** Remove `folder` and the folders above it up to `top`, made for a lock, unless something else was put in them. */
function removeEmptyFolders(folder: string, top: string): void {
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
    if (current === top) return;
  }
}

async function lockOrSkip(lockFile: string, what: string, run: Run, signal: AbortSignal): Promise<FolderLock | undefined> {
  try {
    const folder = path.dirname(lockFile);
    const made = mkdirSync(folder, { recursive: true });
    const lock = await lockFolder(
      lockFile,
      (holder) => run.stderr.write(`lessons: waiting for process ${holder.pid}, which is ${what}\n`),
      signal,
    );
    if (!made) return lock;
    return {
      release() {
        lock.release();
        removeEmptyFolders(folder, made);
      },
    };
  } catch (error) {
    if (error instanceof LockedElsewhere) {
      throw new BuildRefused(
        `process ${error.holder.pid} on ${error.holder.host} is ${what}; if it no longer runs, delete ${error.lockFile}`,
      );
    }
    if (unlockable.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw error;
  }
}

/**
 * Hold the output folder `target` (`.<name>.lessons-lock` beside it) and
 * the build cache folder, when the build uses one (`lock` in it), for one
 * build at a time: the output folder first, then the cache, always in that
 * order, so that two builds never wait for each other. Each lock is added
 * to `held` as soon as it is held, for the caller to release, even while
 * the next is waited for.
 */
export async function lockBuild(
  run: Run,
  target: string,
  cacheDir: string | undefined,
  signal: AbortSignal,
  held: FolderLock[],
): Promise<void> {
  const name = path.relative(run.cwd, target) || target;
  const output = await lockOrSkip(besideOutput(target, "lock"), `building into ${name}`, run, signal);
  if (output) held.push(output);
  if (!cacheDir) return;
  const cacheName = path.relative(run.cwd, cacheDir) || cacheDir;
  const cache = await lockOrSkip(path.join(cacheDir, "lock"), `using the build cache ${cacheName}`, run, signal);
  if (cache) held.push(cache);
}
