import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import os from "node:os";

/** A lock this process holds; `release` removes its file. */
export interface FolderLock {
  release(): void;
}

/** Who holds a lock, as its file says. */
export interface LockHolder {
  pid: number;
  host: string;
}

/** Why {@link lockFolder} gave up: the lock is held on another machine, where this one cannot tell whether it still runs. */
export class LockedElsewhere extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(`locked by process ${holder.pid} on ${holder.host}`);
  }
}

/** How long an empty lock file may be the moment between its creation and its first write, rather than a holder killed in it. */
const emptyLockGraceMs = 5000;
const pollMs = 100;

/**
 * The Linux start time of process `pid` (clock ticks since boot), which
 * tells a process from a later one given the same number; undefined
 * elsewhere or when it cannot be read.
 */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; the start time is field 22.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function holderOf(lockFile: string): (LockHolder & { start?: string }) | undefined {
  const [pid, host, start] = readFileSync(lockFile, "utf8").trim().split(" ");
  if (!pid || !host || !/^\d+$/.test(pid)) return undefined;
  return { pid: Number(pid), host, ...(start ? { start } : {}) };
}

/** Whether the holder of a lock on this machine still runs: its process exists and, where that can be told, is the same one. */
function isRunning(holder: LockHolder & { start?: string }): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const start = startTime(holder.pid);
  return holder.start === undefined || start === undefined || start === holder.start;
}

/**
 * Take over the lock of a process that is gone. The lock file is renamed
 * away first (only one taker can rename a given file) and read again, so
 * that a lock made meanwhile by a live process is put back (unless yet
 * another process has made one since) instead of deleted.
 */
function takeOver(lockFile: string): void {
  const taken = `${lockFile}.${process.pid}.stale`;
  try {
    renameSync(lockFile, taken);
  } catch {
    return;
  }
  let holder: ReturnType<typeof holderOf>;
  try {
    holder = holderOf(taken);
  } catch {
    holder = undefined;
  }
  if (holder && isRunning(holder)) {
    try {
      linkSync(taken, lockFile);
    } catch {
      // Yet another process has made a lock meanwhile, and holds it.
    }
  }
  rmSync(taken, { force: true });
}

/** Make `lockFile` holding `content` if there is none; undefined when there is one. */
function madeLock(lockFile: string, content: string): FolderLock | undefined {
  let fd: number;
  try {
    fd = openSync(lockFile, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  try {
    writeSync(fd, content);
  } catch (error) {
    rmSync(lockFile, { force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
  return { release: () => rmSync(lockFile, { force: true }) };
}

/**
 * Hold `lockFile` for this process: a file naming it (process id, host and,
 * on Linux, start time), made only if there is none. While another live
 * process on this machine holds it, wait, calling `onWait` once with the
 * holder; a lock left by a process that is gone (killed) is taken over; a
 * lock held on another machine throws {@link LockedElsewhere}. `signal`
 * ends the wait.
 */
export async function lockFolder(lockFile: string, onWait: (holder: LockHolder) => void, signal?: AbortSignal): Promise<FolderLock> {
  const host = os.hostname();
  const start = startTime(process.pid);
  const content = `${process.pid} ${host}${start ? ` ${start}` : ""}\n`;
  let waited = false;
  for (;;) {
    signal?.throwIfAborted();
    const made = madeLock(lockFile, content);
    if (made) return made;
    let holder: ReturnType<typeof holderOf>;
    try {
      holder = holderOf(lockFile);
    } catch {
      continue;
    }
    if (!holder) {
      const age = Date.now() - (statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > emptyLockGraceMs) takeOver(lockFile);
    } else if (holder.host !== host) {
      throw new LockedElsewhere(lockFile, { pid: holder.pid, host: holder.host });
    } else if (!isRunning(holder)) {
      takeOver(lockFile);
      continue;
    } else if (!waited) {
      waited = true;
      onWait({ pid: holder.pid, host: holder.host });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
