import { existsSync, readlinkSync, realpathSync, renameSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { siteMarker } from "../project/output-folder.js";

/**
 * The output folder as it is on disk: `out` resolved, and followed when it
 * is a link, so that the folder a link points to is the one replaced and
 * the link stays; a link to a folder that is missing (a build was killed
 * between the renames of {@link swapIn}) is followed one step.
 */
export function outputFolder(out: string): string {
  const resolved = path.resolve(out);
  try {
    return realpathSync(resolved);
  } catch {
    try {
      return path.resolve(path.dirname(resolved), readlinkSync(resolved));
    } catch {
      return resolved;
    }
  }
}

/** A hidden name beside the output folder `target`: `dist` has `.dist.lessons-<suffix>`. */
export function besideOutput(target: string, suffix: "new" | "old" | "lock"): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lessons-${suffix}`);
}

/** Why the output folder cannot be swapped for the staged site; the site is then written in place. */
export class CannotSwap extends Error {}

/**
 * Put the whole site staged in `staging` in place of `target`, by renames:
 * `target` to `.<name>.lessons-old`, then `staging` to `target`, then the
 * old site is deleted. Between the two renames (no system call exchanges
 * two folders portably), `target` is missing; a build killed there leaves
 * both whole sites beside it, and {@link recoverInterruptedWrite} finishes
 * the swap.
 */
export async function swapIn(target: string, staging: string): Promise<void> {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  const previous = besideOutput(target, "old");
  try {
    renameSync(target, previous);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new CannotSwap(`it cannot be renamed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    renameSync(previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  // Through the thread pool, several entries at a time: on a busy disk, a third of the time of one after another.
  await rm(previous, { recursive: true, force: true });
}

/**
 * Put right what a build killed while writing `target` left beside it, so
 * that `target` is a whole site again: killed between the renames of
 * {@link swapIn}, the new site is moved into place when it is whole (the
 * site marker is the last file staged) and the old one otherwise; any
 * staging folder or old site left is deleted.
 */
export function recoverInterruptedWrite(target: string): void {
  const staging = besideOutput(target, "new");
  const previous = besideOutput(target, "old");
  if (!existsSync(target) && existsSync(previous)) {
    renameSync(existsSync(path.join(staging, siteMarker)) ? staging : previous, target);
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(previous, { recursive: true, force: true });
}
