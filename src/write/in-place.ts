import { mkdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OutputFile } from "../render/output.js";
import { fileCopier } from "./file-copier.js";
import type { Tree } from "./site-tree.js";

/** The hidden name a file is written under beside its destination before it is renamed into place. */
function temporaryName(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.${process.pid}.lessons-tmp`);
}

/**
 * Write every changed file and return those written under a temporary name,
 * to be renamed into place. A file that replaces one of the previous site
 * goes to a temporary name, so that a reader never sees half of it; a new
 * file goes straight to its place (no temporary, no rename), since there is
 * nothing there to half-overwrite and nothing in the previous site links to
 * it. When a write fails, everything written and every folder made for it
 * is removed, and the previous site is as it was.
 */
function writeChanged(target: string, changed: [string, OutputFile][], existing: Tree, madeFolders: string[]): string[] {
  const written: string[] = [];
  const replacing: string[] = [];
  const copy = fileCopier();
  try {
    for (const [relative, file] of changed) {
      const replaces = existing.files.has(relative) || existing.folders.has(relative);
      const destination = path.join(target, relative);
      const writeTo = replaces ? temporaryName(destination) : destination;
      written.push(writeTo);
      if ("source" in file) copy(file.source, writeTo);
      else writeFileSync(writeTo, file.contents);
      if (replaces) replacing.push(relative);
    }
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    for (const folder of madeFolders) rmSync(path.join(target, folder), { recursive: true, force: true });
    throw error;
  }
  return replacing;
}

/** What {@link writeInPlace} is to do: the site's folders, and its files that changed or are no longer part of it. */
export interface InPlaceChanges {
  folders: string[];
  changed: [string, OutputFile][];
  stale: string[];
}

/**
 * Bring `target` in line with the site file by file, for a folder that
 * cannot be replaced as a whole (see `write.ts`): a changed file that
 * replaces one is first written to a temporary name beside it (a new file
 * goes straight to its place), and only when every file is written are the
 * temporaries renamed over the old files (so a reader sees the old file or
 * the new one, never half of one, and a write that fails — a full disk —
 * removes what it wrote and leaves the previous site as it was); then files
 * and folders that are no longer part of the site are deleted. A build
 * killed meanwhile leaves a mix of old and new files, which the next build
 * puts right.
 */
export function writeInPlace(target: string, existing: Tree, { folders, changed, stale }: InPlaceChanges): void {
  mkdirSync(target, { recursive: true });
  const madeFolders: string[] = [];
  for (const folder of folders) {
    if (existing.files.has(folder)) unlinkSync(path.join(target, folder));
    if (existing.folders.has(folder)) continue;
    mkdirSync(path.join(target, folder));
    madeFolders.push(folder);
  }
  for (const relative of writeChanged(target, changed, existing, madeFolders)) {
    const destination = path.join(target, relative);
    if (existing.folders.has(relative)) rmSync(destination, { recursive: true, force: true });
    renameSync(temporaryName(destination), destination);
  }
  for (const relative of stale) {
    try {
      rmSync(path.join(target, relative), { force: true });
    } catch (error) {
      // ENOTDIR: the file was inside a folder that a file has just replaced, so it is gone already.
      if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") throw error;
    }
  }
  const wantedFolders = new Set(folders);
  const emptied = [...existing.folders].filter((folder) => !wantedFolders.has(folder)).sort((a, b) => b.length - a.length);
  for (const folder of emptied) {
    try {
      rmdirSync(path.join(target, folder));
    } catch {
      // Gone already (it was inside a folder that a file replaced), or not empty because something was put in it meanwhile.
    }
  }
}
