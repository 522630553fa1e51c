import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { inputLimits } from "./input-limits.js";

/**
 * Whether a course keeps the addresses the older tool published it at: its
 * lessons are at the project root (the older layout, see `layout.ts`). Such a
 * course publishes a view page beside each text file it publishes, and its
 * links to the file lead there.
 */
export function keepsOlderAddresses(place: { root: string; contentDir: string }): boolean {
  return path.resolve(place.root) === path.resolve(place.contentDir);
}

/** The site path of the view page of the file published at `target`: `03_pitfalls/server.py` → `03_pitfalls/server.py.html`. */
export function viewPagePath(target: string): string {
  return `${target}.html`;
}

/** The project file that, where it exists, is published at the view page's address instead of one (`server.py.html` beside `server.py`). */
export function fileAtViewPage(source: string): string {
  return viewPagePath(source);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The text of `file` when a view page can show it: valid UTF-8 without NUL
 * bytes and no larger than a `data-file` block may be
 * ({@link inputLimits.shownFileBytes}), since the page highlights all of it.
 * Undefined for anything else (an image, a PDF, a file too large to
 * highlight), which is published without a view page.
 */
export function readTextFile(file: string): string | undefined {
  try {
    if (statSync(file).size > inputLimits.shownFileBytes) return undefined;
    const bytes = readFileSync(file);
    return bytes.includes(0) ? undefined : utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether the project file at `source` (absolute) gets a view page when it
 * is published: a text file (see {@link readTextFile}), not Markdown (which
 * becomes a page of its own), with no file of its own at the view page's
 * address (see {@link fileAtViewPage}).
 */
export function hasViewPage(source: string): boolean {
  if (path.extname(source).toLowerCase() === ".md") return false;
  try {
    statSync(fileAtViewPage(source));
    return false;
  } catch {
    return readTextFile(source) !== undefined;
  }
}

/** The site path of the view page of the project file `source` published at `target`, or undefined when it gets none (see {@link hasViewPage}). */
export function viewPageOf(source: string, target: string): string | undefined {
  return hasViewPage(source) ? viewPagePath(target) : undefined;
}

/** Files a browser shows as what they are meant to be (a picture, a page) rather than as text. */
const shownByBrowsers = new Set([".svg", ".html", ".htm"]);

/**
 * Whether a link to a file with a view page leads to the view page. Not for
 * an SVG or HTML file, which a reader who follows the link expects to see
 * drawn, as the older tool also left them (it linked `.py`, `.js`, `.css`
 * and `.sql` files to their view pages); their view page is still there.
 */
export function linksToViewPage(source: string): boolean {
  return !shownByBrowsers.has(path.extname(source).toLowerCase());
}
