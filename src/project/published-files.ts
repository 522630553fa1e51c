import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import type { ProjectLayout } from "./layout.js";
import { siteFolders } from "./local-target.js";
import { siteMarker } from "./output-folder.js";
import { isWithin } from "./safe-path.js";

/** A project file the site holds as it is, at the same path as in the project. */
export interface PublishedFile {
  /** Absolute path to read it from (a symbolic link's target, so the site holds the file, not the link). */
  source: string;
  /** Its path in the site and in the project, relative to the root, `/`-separated: `s03_proc/fork.py`. */
  target: string;
}

/** True for the author's own HTML files among the published files (`03_web/example.html`), whose relative links are checked. */
export function isAuthoredHtml(target: string): boolean {
  return /\.html?$/i.test(target);
}

/** What else to leave out (see {@link publishedFiles}). */
export interface PublishOptions {
  /** Root-relative paths (`/`-separated) of files and folders the course says are not published (`[tool.mccole] skips`). */
  skips?: readonly string[];
  /** Absolute paths of folders that are never published, such as the build cache when it lies inside the root. */
  exclude?: readonly string[];
}

/**
 * Root folders that are not the course's material: the older tool's own
 * output (`docs/`, which holds the previously published site), the project's
 * templates and installed packages.
 */
const skippedRootFolders: ReadonlySet<string> = new Set(["docs", "templates", "node_modules"]);

/** Folders that are nobody's material, wherever they are. */
const skippedFolders: ReadonlySet<string> = new Set(["node_modules", "__pycache__"]);

/** A file that marks its folder as not the course's: a Python virtualenv, or a site this tool wrote (an output folder). */
const foreignFolderMarkers: ReadonlySet<string> = new Set(["pyvenv.cfg", siteMarker]);

/** True for names that are never published: hidden files and folders, packages, caches, compiled Python and editors' backups. */
function isSkippedName(name: string, folder: boolean): boolean {
  if (name.startsWith(".")) return true;
  return folder ? skippedFolders.has(name) : name.endsWith(".pyc") || name.endsWith("~");
}

/** True when a top-level folder of the root is not published, by its name alone. */
function isSkippedRootFolder(name: string): boolean {
  return skippedRootFolders.has(name) || siteFolders.has(name);
}

/** True when `relative` (root-relative, `/`-separated) is one of `skips` or lies under one. */
function isSkippedPath(relative: string, skips: ReadonlySet<string>): boolean {
  for (let at = relative; at !== "."; at = path.posix.dirname(at)) if (skips.has(at)) return true;
  return false;
}

function normalisedSkips(skips: readonly string[]): Set<string> {
  return new Set(skips.map((skip) => path.posix.normalize(skip.replace(/\\/g, "/")).replace(/^\.\/|\/$/g, "")));
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Walk the folders an older course publishes (see {@link publishedFiles} for
 * what is left out), in a fixed order (each folder's entries by name), and
 * hand `found` each file below the root's own files, except in the root
 * folders `enter` declines.
 *
 * Symbolic links are followed when their target lies inside the root (the
 * site gets the target's bytes), except a link to a folder that holds it,
 * so a link loop ends; a dangling link is left out.
 */
function walkPublished(
  root: string,
  options: PublishOptions,
  enter: (name: string) => boolean,
  found: (file: PublishedFile) => void,
): void {
  const skips = normalisedSkips(options.skips ?? []);
  const excluded = new Set((options.exclude ?? []).map((folder) => path.resolve(folder)));
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return;
  }
  /** The real paths of the folders being walked, from the root down: a link back to one of them is not followed again. */
  const walking = new Set<string>([realRoot]);
  const walk = (dir: string, real: string, relative: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (relative !== "" && entries.some((entry) => foreignFolderMarkers.has(entry.name))) return;
    for (const entry of entries.sort(byName)) {
      const target = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const absolute = path.join(dir, entry.name);
      let entryReal = path.join(real, entry.name);
      let folder = entry.isDirectory();
      let file = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          entryReal = realpathSync(absolute);
          const stats = statSync(entryReal);
          folder = stats.isDirectory();
          file = stats.isFile();
        } catch {
          continue;
        }
        if (!isWithin(realRoot, entryReal)) continue;
      }
      if (isSkippedName(entry.name, folder) || isSkippedPath(target, skips) || excluded.has(absolute)) continue;
      if (folder) {
        if ((relative === "" && (isSkippedRootFolder(entry.name) || !enter(entry.name))) || walking.has(entryReal)) continue;
        walking.add(entryReal);
        walk(absolute, entryReal, target);
        walking.delete(entryReal);
      } else if (file && relative !== "") {
        found({ source: entry.isSymbolicLink() ? entryReal : absolute, target });
      }
    }
  };
  walk(root, realRoot, "");
}

/**
 * Every file a course in the older layout publishes as it is, at its own
 * path, in a fixed order (each folder's entries by name): what the older
 * tool copied into its site, the working folder of the author's examples,
 * whether or not a lesson links them. That is every file under the lesson
 * folders and under the other folders at the root, except:
 * - Markdown (`*.md`), which becomes pages (see {@link publishedMarkdown});
 * - files at the root itself (the home page, glossary and configuration);
 * - hidden files and folders, `node_modules/`, `__pycache__/`, `*.pyc` and editors' `*~` backups;
 * - the root folders `docs/` (the older tool's output), `templates/` and those the generated site writes (`assets/`, …);
 * - a Python virtualenv (a folder holding `pyvenv.cfg`) and a site this tool wrote (a folder holding its marker);
 * - `options.skips` and `options.exclude`.
 */
export function publishedFiles(layout: Pick<ProjectLayout, "root">, options: PublishOptions = {}): PublishedFile[] {
  const files: PublishedFile[] = [];
  walkPublished(
    layout.root,
    options,
    () => true,
    (file) => {
      if (!file.target.endsWith(".md")) files.push(file);
    },
  );
  return files;
}

/**
 * The Markdown files of an older course's other root folders (`misc/notes.md`,
 * `datagen/index.md`), each a page of its own at `<name>.html`, as the older
 * tool made a page of every Markdown file wherever it was; those of the
 * lesson folders, which `isLessonFolder` names, are the lessons' own. The
 * same files are left out as from {@link publishedFiles}. Absolute paths.
 */
export function publishedMarkdown(root: string, isLessonFolder: (name: string) => boolean, options: PublishOptions = {}): string[] {
  const pages: string[] = [];
  walkPublished(
    root,
    options,
    (name) => !isLessonFolder(name),
    (file) => {
      if (file.target.endsWith(".md")) pages.push(path.join(root, file.target));
    },
  );
  return pages;
}

/** True when the root-relative path `parts`, or a folder above it (the root itself excepted), holds a foreign-folder marker. */
function inForeignFolder(root: string, parts: string[]): boolean {
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const folder = path.join(root, ...parts.slice(0, depth));
    for (const marker of foreignFolderMarkers) if (existsSync(path.join(folder, marker))) return true;
  }
  return false;
}

/**
 * True when `file` (absolute; a file or a folder, which need not exist) is,
 * or may hold, a file {@link publishedFiles} lists for the course at
 * `root`, judged by its path and by the markers in the folders above it:
 * what `lessons dev` watches beside the lessons. Markdown counts, since it
 * becomes pages; a file at the root itself does not.
 */
export function mayBePublished(root: string, file: string, options: PublishOptions = {}): boolean {
  const relative = path.relative(root, file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  const [top = ""] = parts;
  const name = parts.at(-1) ?? "";
  if (parts.slice(0, -1).some((part) => isSkippedName(part, true)) || isSkippedName(name, false) || skippedFolders.has(name)) return false;
  if (isSkippedRootFolder(top) || isSkippedPath(parts.join("/"), normalisedSkips(options.skips ?? []))) return false;
  if ((options.exclude ?? []).some((folder) => isWithin(path.resolve(folder), file))) return false;
  if (parts.length === 1 && !isFolder(file)) return false;
  return !inForeignFolder(root, parts);
}

function isFolder(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
