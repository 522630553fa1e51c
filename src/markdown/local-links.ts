import path from "node:path";
import type { Definition, Html, Image, Link, Root } from "mdast";
import type { VFile } from "vfile";
import { report, type Place } from "../diagnostics/report.js";
import { linksToViewPage } from "../project/file-views.js";
import { localTarget, type DocumentPlace, type LocalTarget } from "../project/local-target.js";
import { isFile } from "../project/safe-path.js";
import { pagePaths } from "../project/urls.js";
import { forEachNode } from "./each-node.js";
import { referenceProperties } from "./placeholders.js";
import { spanAt } from "../diagnostics/source-positions.js";
import { lessonOf, markUsed, publishFile, type Asset } from "./lesson-context.js";

/** Where a document's relative URLs point from. */
function placeOf(file: VFile): DocumentPlace {
  const lesson = lessonOf(file);
  return { root: lesson.root, contentDir: lesson.contentDir, dir: path.dirname(path.resolve(lesson.root, file.path)) };
}

/**
 * The site path of the page a Markdown source becomes, relative to the
 * site root (see `site/urls.ts` for the pages themselves): a lesson's
 * `index.md` or folder its page, another `*.md` its own page (the home
 * page, glossary and bibliography theirs). Only sources that are pages
 * (see `project/local-target.ts`) are asked for.
 */
export function pageOfSource(source: string, contentDir: string, root: string): string {
  const relative = path.posix.relative(path.relative(root, contentDir).split(path.sep).join("/"), source.replace(/\/$/, ""));
  if (relative === "" || relative === "index.md" || relative === "README.md") return pagePaths.home;
  if (relative === "glossary.md") return pagePaths.glossary;
  if (relative === "bibliography.md") return pagePaths.bibliography;
  if (relative.endsWith(".md") && !relative.endsWith("/index.md")) return pagePaths.root(relative);
  return pagePaths.lesson(relative.replace(/\/index\.md$/, ""));
}

/** Record what a local target needs (the file as an input of the lesson) and report what cannot be shown. */
function checkTarget(
  file: VFile,
  url: string,
  target: LocalTarget,
  place: Place,
): target is Extract<LocalTarget, { kind: "file" | "page" }> {
  if (target.kind === "missing") markUsed(file, target.source);
  if (target.kind === "missing" || target.kind === "refused") {
    report(file, "link-target", `link target "${url}" cannot be shown: ${target.reason}`, place);
    return false;
  }
  if (target.kind === "file") markUsed(file, target.source);
  return true;
}

/**
 * The site path a link to a copied file leads to: the file's view page where
 * it has one and links lead there (see `project/file-views.ts`), as the older
 * tool's links did (`[server.py](./server.py)` → `server.py.html`), else the file.
 */
function linkedPath(asset: Asset): string {
  return asset.viewPage !== undefined && linksToViewPage(asset.source) ? asset.viewPage : asset.target;
}

function siteUrl(target: string, suffix: string): string {
  return `/${encodeURI(target)}${suffix}`;
}

/** A link or image whose target cannot be shown becomes its text, marked as unresolved, so the page has no broken link. */
function markUnresolved(node: Link | Image): void {
  node.data ??= {};
  node.data.hName = "span";
  node.data.hProperties = { className: ["unresolved-reference"], href: undefined, src: undefined, alt: undefined, title: undefined };
  if (node.type === "image") node.data.hChildren = [{ type: "text", value: node.alt ?? node.url }];
}

function rewriteNode(node: Link | Image, file: VFile, place: DocumentPlace): void {
  const target = localTarget(node.url, place);
  if (target.kind === "external") return;
  if (!checkTarget(file, node.url, target, node)) return markUnresolved(node);
  if (target.kind === "file") {
    const asset = publishFile(file, target.source, target.target);
    // An image shows the file itself; a link may lead to its view page.
    node.url = siteUrl(node.type === "link" ? linkedPath(asset) : asset.target, target.suffix);
  } else if (node.type === "link") {
    // Resolved by the site stage, which knows every page and reports a miss here.
    node.data ??= {};
    node.data.hProperties = {
      ...node.data.hProperties,
      ...referenceProperties("page", target.source + (target.fragment ? `#${target.fragment}` : "")),
    };
  } else {
    report(file, "link-target", `image "${node.url}" is a page, not an image`, node);
    markUnresolved(node);
  }
}

function rewriteDefinition(definition: Definition, file: VFile, place: DocumentPlace): void {
  // Shared definitions appended after the author's text are the links file's, whose targets are the web.
  const authored = file.data.authoredLength;
  if (authored !== undefined && (definition.position?.start.offset ?? 0) >= authored) return;
  const target = localTarget(definition.url, place);
  if (target.kind === "external" || !checkTarget(file, definition.url, target, definition)) return;
  // A definition is mostly used by links, and an image whose file has a view page (an SVG) keeps the file's address anyway.
  if (target.kind === "file") definition.url = siteUrl(linkedPath(publishFile(file, target.source, target.target)), target.suffix);
  else if (!pageExists(target.source, place)) {
    // A definition cannot wait for the site stage either, so the Markdown it names must exist now.
    report(file, "link-target", `link target "${definition.url}" cannot be shown: ${target.source} is no page of the site`, definition);
  } else {
    const page = pageOfSource(target.source, place.contentDir, place.root);
    definition.url = siteUrl(page, target.fragment ? `#${target.fragment}` : "");
  }
}

/** Whether the Markdown a page source names (a file, or a folder's `index.md`; the content folder is the home page) exists. */
function pageExists(source: string, place: DocumentPlace): boolean {
  const absolute = path.join(place.root, source);
  if (!source.endsWith("/")) return isFile(absolute);
  return path.resolve(absolute) === place.contentDir || isFile(path.join(absolute, "index.md"));
}

/** `src=`, `href=` and `poster=` in the start tags of raw HTML, quoted or not. */
const urlAttribute =
  /(<(?:img|a|source|video|audio|track|embed|iframe)\b[^>]*?\s)(src|href|poster)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * Raw HTML stays a string; a local URL in it becomes site-absolute, which
 * each page that shows it makes relative to itself (see `site/resolve.ts`),
 * as it does for links and images.
 */
function rewriteHtml(html: Html, file: VFile, place: DocumentPlace): void {
  if (!/\s(?:src|href|poster)\s*=/i.test(html.value)) return;
  const start = html.position?.start.offset;
  const exact = start !== undefined && String(file.value).slice(start, html.position?.end.offset) === html.value;
  html.value = html.value.replace(urlAttribute, (whole, before: string, name: string, equals: string, ...values: unknown[]) => {
    const [double, single, bare, offset] = values as [string | undefined, string | undefined, string | undefined, number];
    const url = double ?? single ?? bare ?? "";
    const target = localTarget(url, place);
    if (target.kind === "external") return whole;
    const at = offset + before.length;
    const where = exact ? spanAt(file, start + at, whole.length - before.length) : html;
    if (!checkTarget(file, url, target, where)) return whole;
    if (target.kind === "file") {
      const asset = publishFile(file, target.source, target.target);
      const shown = /^<a\b/i.test(before) ? linkedPath(asset) : asset.target;
      return `${before}${name}${equals}"${siteUrl(shown, target.suffix)}"`;
    }
    // A raw link cannot wait for the site stage, so the Markdown it names must exist now.
    if (!pageExists(target.source, place)) {
      report(file, "link-target", `link target "${url}" cannot be shown: ${target.source} is no page of the site`, where);
      return whole;
    }
    const page = pageOfSource(target.source, place.contentDir, place.root);
    return `${before}${name}${equals}"${siteUrl(page, target.fragment ? `#${target.fragment}` : "")}"`;
  });
}

/**
 * Make every local link of a document work in the site:
 * - a link or image to a project file copies the file into the site (`[server.py](./server.py)`,
 *   `![](tree.svg)`, `<img src="tree.svg">`, `../migrations/001.sql`); in a course that keeps the older
 *   tool's addresses, a link to a text file leads to its view page (`server.py.html`);
 * - a link to Markdown that becomes a page (another lesson's `../02_fs/index.md` or folder `../02_fs/`,
 *   a root page such as `LICENSE.md`) links that page;
 * - a target that does not exist, or that leaves the project, is a `link-target` warning at the link,
 *   which is shown as its text.
 *
 * `[list](./list.py)` in `01_files/index.md` → `<a href="list.py">` on `01_files/index.html`, with `01_files/list.py` copied.
 */
export function localLinksTransform(tree: Root, file: VFile): void {
  const place = placeOf(file);
  forEachNode(tree, "link", (link) => rewriteNode(link, file, place));
  forEachNode(tree, "image", (image) => rewriteNode(image, file, place));
  forEachNode(tree, "definition", (definition) => rewriteDefinition(definition, file, place));
  forEachNode(tree, "html", (html) => rewriteHtml(html, file, place));
}

/** Unified plugin for {@link localLinksTransform}. */
export default function remarkLocalLinks() {
  return localLinksTransform;
}
