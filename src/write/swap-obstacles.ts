import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";
import { isWithin } from "../project/safe-path.js";

/**
 * A process that works in `target` or below it (its current folder), found
 * through Linux's `/proc` among the processes this user may look at; such
 * a process (a shell, `python3 -m http.server` started in the folder) would
 * be left in the deleted old site by a swap. Undefined when there is none
 * or it cannot be told.
 */
function processWorkingIn(target: string): string | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    if (!isWithin(target, cwd)) continue;
    let name = "";
    try {
      name = ` (${readFileSync(`/proc/${pid}/comm`, "utf8").trim()})`;
    } catch {
      // Gone meanwhile; its number still says which it was.
    }
    return `process ${pid}${name} works in it`;
  }
  return undefined;
}

/**
 * Why the output folder `target` must be changed in place rather than
 * swapped for a new one as a whole, or undefined when it can be swapped:
 * a mount point cannot be renamed (and the staging folder beside it would
 * be on another disk), and a process working in it would be left in the old
 * site.
 */
export function swapObstacle(target: string): string | undefined {
  const folder = statSync(target, { throwIfNoEntry: false });
  if (!folder) return undefined;
  if (folder.dev !== statSync(path.dirname(target)).dev) return "it is a mount point";
  return processWorkingIn(target);
}
