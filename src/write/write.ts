import path from "node:path";
import type { OutputFile } from "../render/output.js";
import { isUnchanged } from "./file-copier.js";
import { writeInPlace } from "./in-place.js";
import { existingTree, foldersOf, siteFiles } from "./site-tree.js";
import { writeStaged } from "./staged.js";
import { CannotSwap, outputFolder, recoverInterruptedWrite } from "./swap.js";
import { swapObstacle } from "./swap-obstacles.js";

/** What {@link writeSite} did. */
export interface WriteSummary {
  written: number;
  unchanged: number;
  removed: number;
  /** Why the output folder was changed file by file instead of as a whole, when it was. */
  inPlace?: string;
}

/** How {@link writeSite} runs. */
export interface WriteOptions {
  /** Stops the write before the new site is swapped in; the output folder is then left as it was. */
  signal?: AbortSignal;
}

/**
 * Make `outDir` hold exactly `files` (and the site marker), changing it as a
 * whole: the new site is staged beside it, reusing the unchanged files, and
 * renamed into its place (`staged.ts`, `swap.ts`), so that a reader (or a
 * server) sees the whole previous site or the whole new one, whenever the
 * build is killed; what a killed build left beside it is put right first.
 * A build that changed nothing writes nothing. Where the folder cannot be
 * replaced (a mount point, the current folder of a process, a parent that
 * cannot be written) it is changed file by file instead (`in-place.ts`),
 * and the summary says why. Only a successful build is written (the CLI
 * writes nothing when a build has errors), and a write that fails (a full
 * disk) leaves the previous site as it was.
 *
 * The work is done with synchronous calls: thousands of small file
 * operations in a loop are quicker than a round trip through the thread
 * pool each.
 */
export async function writeSite(outDir: string, files: OutputFile[], options: WriteOptions = {}): Promise<WriteSummary> {
  const target = outputFolder(outDir);
  recoverInterruptedWrite(target);
  const existing = existingTree(target);
  const wanted = siteFiles(files);
  const folders = foldersOf(wanted.keys());
  const unchanged = new Set(
    [...wanted]
      .filter(([relative, file]) => existing.files.has(relative) && isUnchanged(file, path.join(target, relative)))
      .map(([relative]) => relative),
  );
  const stale = [...existing.files].filter((relative) => !wanted.has(relative));
  const summary = { written: wanted.size - unchanged.size, unchanged: unchanged.size, removed: stale.length };
  const sameFolders = folders.length === existing.folders.size && folders.every((folder) => existing.folders.has(folder));
  if (summary.written === 0 && stale.length === 0 && sameFolders) return summary;
  let obstacle = swapObstacle(target);
  if (!obstacle) {
    try {
      await writeStaged(target, { files: wanted, folders, unchanged }, options.signal);
      return summary;
    } catch (error) {
      if (!(error instanceof CannotSwap)) throw error;
      obstacle = error.message;
    }
  }
  const changed = [...wanted].filter(([relative]) => !unchanged.has(relative));
  writeInPlace(target, existing, { folders, changed, stale });
  return { ...summary, inPlace: obstacle };
}
