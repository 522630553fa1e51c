import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { siteMarker } from "../project/output-folder.js";
import type { OutputFile } from "../render/output.js";
import { fileCopier } from "./file-copier.js";
import { handlePendingSignals } from "./pending-signals.js";
import { besideOutput, CannotSwap, swapIn } from "./swap.js";

/** How long the write runs between looks at its abort signal (a signal is handled only when the event loop turns, see `pending-signals.ts`). */
const sliceMs = 20;

/**
 * Make `folders` (parents first) under `root`, those of one depth at a time
 * through the thread pool: on a busy disk, much quicker than one after another.
 */
async function makeFolders(root: string, folders: string[]): Promise<void> {
  const byDepth: string[][] = [];
  for (const folder of folders) (byDepth[folder.split(path.sep).length - 1] ??= []).push(folder);
  for (const level of byDepth) await Promise.all(level.map((folder) => mkdir(path.join(root, folder))));
}

/** What {@link writeStaged} is to write. */
export interface StagedSite {
  /** Every file of the site by its path, the site marker among them. */
  files: Map<string, OutputFile>;
  /** The site's folders, parents first. */
  folders: string[];
  /** The paths whose file in the output folder is already what the site has there. */
  unchanged: ReadonlySet<string>;
}

/**
 * Write the whole site into a staging folder beside `target`
 * (`.<name>.lessons-new`), then swap it in (`swap.ts`). Files that are
 * unchanged are hard links to the current output's (copies where the disk
 * has no links), so only what changed is written; the site marker is
 * written last, which tells a whole staging folder from one a killed build
 * left. A write that fails (a full disk) or is aborted removes the staging
 * folder and leaves `target` as it was. Throws {@link CannotSwap} when
 * the parent folder cannot take the staging folder or `target` cannot be
 * renamed, for the caller to write in place instead.
 */
export async function writeStaged(target: string, site: StagedSite, signal?: AbortSignal): Promise<void> {
  const staging = besideOutput(target, "new");
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    mkdirSync(staging);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new CannotSwap(`its parent folder cannot be written (${code})`);
    throw error;
  }
  try {
    const current = statSync(target, { throwIfNoEntry: false });
    if (current) chmodSync(staging, current.mode & 0o7777);
    await makeFolders(staging, site.folders);
    const reuse = fileCopier();
    const copy = fileCopier();
    let sliceStarted = performance.now();
    for (const [relative, file] of site.files) {
      if (performance.now() - sliceStarted > sliceMs) {
        await handlePendingSignals();
        signal?.throwIfAborted();
        sliceStarted = performance.now();
      }
      if (relative === siteMarker) continue;
      const destination = path.join(staging, relative);
      if (site.unchanged.has(relative)) reuse(path.join(target, relative), destination);
      else if ("source" in file) copy(file.source, destination);
      else writeFileSync(destination, file.contents);
    }
    const marker = site.files.get(siteMarker);
    if (marker && "contents" in marker) writeFileSync(path.join(staging, siteMarker), marker.contents);
    await handlePendingSignals();
    signal?.throwIfAborted();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  await swapIn(target, staging);
}
