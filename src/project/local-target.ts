import { statSync } from "node:fs";
import path from "node:path";
import { legacyLessonName } from "./layout.js";
import { isFile, isWithin, staysInside } from "./safe-path.js";

/** Where a document sits: what a relative URL in it is resolved against. */
export interface DocumentPlace {
  /** Absolute project root: nothing outside it is read. */
  root: string;
  /** Absolute folder of the home page and the lesson folders. */
  contentDir: string;
  /** Absolute folder of the Markdown file the URL is written in. */
  dir: string;
}

/**
 * What a URL written in a document points at:
 * - `external`: a scheme (`https:`, `mailto:`, `g:`), `//host`, a site-absolute path or a fragment alone; left as it is;
 * - `page`: Markdown that becomes a page of the site (another lesson, a root page), by its source path;
 * - `file`: a project file copied into the site at `target`;
 * - `missing` / `refused`: a local target that cannot be shown, with the reason.
 */
export type LocalTarget =
  | { kind: "external" }
  | { kind: "page"; source: string; fragment: string }
  | { kind: "file"; source: string; target: string; suffix: string }
  | { kind: "missing"; source: string; reason: string }
  | { kind: "refused"; reason: string };

/** The file names the generated site writes itself, which no copied file may replace. */
const sitePageNames = new Set(["index.html", "slides.html"]);
/** The top-level folders the generated site writes itself; no project file is copied into them. */
export const siteFolders: ReadonlySet<string> = new Set(["assets", "pagefind", "glossary", "bibliography", "exercises"]);

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether a place is in a course of the older layout, whose content folder
 * is the project root: there every Markdown file of a lesson folder is a
 * page (see `ProjectLayout.pages`).
 */
function inOlderLayout(place: Pick<DocumentPlace, "root" | "contentDir">): boolean {
  return place.contentDir === place.root;
}

/** Whether `absolute` is in a lesson folder of an older-layout course, at any depth. */
function inOlderLesson(absolute: string, place: DocumentPlace): boolean {
  if (!inOlderLayout(place)) return false;
  const [top = "", ...rest] = path.relative(place.root, absolute).split(path.sep);
  return rest.length > 0 && legacyLessonName.test(top);
}

/**
 * The source path (relative to the root, `/`-separated) of the page a
 * Markdown file or folder becomes, when it becomes one: a `*.md` file in the
 * content folder (home page, glossary, root pages such as `LICENSE.md`), a
 * lesson's `index.md`, in the older layout any other `*.md` of a lesson
 * folder (`01_files/notes.md`), or a folder (its `index.md`, or the home page
 * for the content folder itself, written as the folder with a trailing `/`).
 */
function pageSource(absolute: string, place: DocumentPlace, folder: boolean): string | undefined {
  const relative = (file: string) => toPosix(path.relative(place.root, file));
  if (folder) {
    if (absolute === place.contentDir) return relative(absolute) === "" ? "./" : `${relative(absolute)}/`;
    return path.dirname(absolute) === place.contentDir ? `${relative(absolute)}/` : undefined;
  }
  if (!absolute.endsWith(".md")) return undefined;
  const parent = path.dirname(absolute);
  if (parent === place.contentDir) return relative(absolute);
  if (path.basename(absolute) === "index.md" && path.dirname(parent) === place.contentDir) return relative(absolute);
  if (inOlderLesson(absolute, place)) return relative(absolute);
  return undefined;
}

/** Where a copied file goes in the site: its path under the content folder, else under the root. */
function siteTarget(absolute: string, place: DocumentPlace): string {
  const base = isWithin(place.contentDir, absolute) ? place.contentDir : place.root;
  return toPosix(path.relative(base, absolute));
}

/** Why a file copied to `target` would replace a part of the generated site or publish a hidden file, if it would. */
export function whyNotCopied(target: string): string | undefined {
  const parts = target.split("/");
  const name = parts.at(-1) ?? "";
  if (parts.some((part) => part.startsWith("."))) return "hidden files are not copied into the site";
  if (siteFolders.has(parts[0] ?? "") || sitePageNames.has(name) || (parts.length === 1 && name.endsWith(".html")))
    return `a file at ${target} would replace a page of the generated site`;
  return undefined;
}

/** Classify `url`, written in a document at `place` (see {@link LocalTarget}). */
export function localTarget(url: string, place: DocumentPlace): LocalTarget {
  if (url === "" || url.startsWith("#") || url.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(url)) return { kind: "external" };
  const cut = url.search(/[?#]/);
  const written = cut < 0 ? url : url.slice(0, cut);
  const suffix = cut < 0 ? "" : url.slice(cut);
  const relative = decoded(written);
  if (relative === undefined || relative.includes("\\")) return { kind: "refused", reason: "it is not a valid relative URL" };
  const absolute = path.resolve(place.dir, relative);
  if (!isWithin(place.root, absolute) || !staysInside(absolute, place.root))
    return { kind: "refused", reason: "it leaves the project folder" };
  const shown = toPosix(path.relative(place.root, absolute)) || ".";
  const folder = written.endsWith("/") || isDirectory(absolute);
  const page = pageSource(absolute, place, folder);
  if (page !== undefined) return { kind: "page", source: page, fragment: suffix.startsWith("#") ? suffix.slice(1) : "" };
  if (folder) return { kind: "missing", source: absolute, reason: `${shown}/ is a folder, not a page of the site` };
  if (!isFile(absolute)) return { kind: "missing", source: absolute, reason: `${shown} does not exist` };
  const target = siteTarget(absolute, place);
  const clobber = whyNotCopied(target);
  if (clobber) return { kind: "refused", reason: clobber };
  return { kind: "file", source: absolute, target, suffix };
}
