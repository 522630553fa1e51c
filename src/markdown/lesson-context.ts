import type { VFile } from "vfile";
import type { MisplacedCloser } from "./fence-closers.js";

/** A file copied into the site: from an absolute source path to a path under the output folder. */
export interface Asset {
  source: string;
  target: string;
}

/** What a `data-file` block shows, recorded on the `code` node by the data-file plugin. */
export interface DataFileBlock {
  /** The name as written, e.g. `ubuntu-python3/Dockerfile` or `app.py:create`. */
  name: string;
  /** The file's path relative to the data folder (the name without its region). */
  path: string;
  /** Site-absolute URL of the downloadable copy, or undefined when the file is missing. */
  href: string | undefined;
}

/** Options every per-lesson plugin receives through `file.data.lesson`. */
export interface LessonContext {
  /** Lesson slug (folder name). */
  slug: string;
  /** Absolute project root: nothing outside it is read. */
  root: string;
  /** Absolute folder of the lesson's figures and tables. */
  dir: string;
  /** Absolute folder `data-file` names are relative to. */
  dataDir: string;
  /** Absolute folder of the home page and the lesson folders, which relative links to pages resolve against. */
  contentDir: string;
}

declare module "vfile" {
  interface DataMap {
    lesson: LessonContext;
    /** Files the page needs copied into the site. */
    assets: Asset[];
    /** Absolute paths of the project files the lesson shows or includes (data files, images, tables). */
    usedFiles: string[];
    /** Offset where the author's text ends and appended shared link definitions begin. */
    authoredLength: number;
  }
}

declare module "mdast" {
  interface CodeData {
    dataFile?: DataFileBlock;
    /** The closer the block was read as closed at, though CommonMark would run it on past it (see `closing-parse.ts`). */
    misplacedCloser?: MisplacedCloser;
  }
}

/** Add an asset to a file's list once. */
export function addAsset(file: VFile, asset: Asset): void {
  file.data.assets ??= [];
  if (!file.data.assets.some((known) => known.target === asset.target)) file.data.assets.push(asset);
}

/** Record that the lesson shows or includes the project file at `absolute`. */
export function markUsed(file: VFile, absolute: string): void {
  file.data.usedFiles ??= [];
  file.data.usedFiles.push(absolute);
}

/** The lesson a file belongs to; every file the processor runs on has one. */
export function lessonOf(file: VFile): LessonContext {
  const lesson = file.data.lesson;
  if (!lesson) throw new Error(`internal: ${file.path} was processed without a lesson context`);
  return lesson;
}
