import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import type { Position } from "unist";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { hashParts } from "../project/hash.js";
import { inputLimits } from "../project/input-limits.js";
import type { PublishedFile } from "../project/published-files.js";
import { decodeText, readText } from "../project/read-text.js";

/** A URL written in an HTML file, with where its attribute is written. */
export interface WrittenUrl {
  url: string;
  place: Position | undefined;
}

/**
 * Where the URLs found in HTML files may be kept between builds, by the
 * hash of the file's bytes (the build cache, see `cache/html-url-store.ts`),
 * so that an unchanged file is neither read nor parsed again.
 */
export interface HtmlUrlStore {
  /** The hash of a file's bytes as they are now, as `project/hash.ts` `hashFile` gives it. */
  hash(file: string): string;
  read(hash: string): WrittenUrl[] | undefined;
  write(hash: string, urls: WrittenUrl[]): void;
}

/** The attributes whose URL a browser follows or loads: `<a href>`, `<link href>`, `<script src>`, `<img src>`, … */
const urlProperties = ["href", "src"] as const;

/**
 * URLs that are not checked:
 * - a scheme (`https:`, `mailto:`, `data:`, `javascript:`) or `//host`: not a file of the course;
 * - a fragment or query alone (`#top`, `?sort=name`) or nothing: the file itself;
 * - site-absolute (`/static/app.js`): it depends on where the site is served from, which the build does not know;
 * - template syntax (`{{ url_for(…) }}`, `${base}`): an example's program fills it in before a browser sees it.
 */
function isUnchecked(url: string): boolean {
  return (
    url === "" ||
    url.startsWith("#") ||
    url.startsWith("?") ||
    url.startsWith("/") ||
    /^[a-z][a-z0-9+.-]*:/i.test(url) ||
    /\{\{|\{%|\$\{|<%/.test(url)
  );
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function kindOnDisk(file: string): "file" | "folder" | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isDirectory() ? "folder" : stats ? "file" : undefined;
}

/**
 * Why `url`, written in the published HTML file at site path `from`, leads
 * to nothing in the site, or undefined when it leads to one of `sitePaths`
 * (a file, or a folder's `index.html`). The wording is that of Markdown
 * links (`project/local-target.ts`).
 */
function missingReason(url: string, from: string, sitePaths: ReadonlySet<string>, root: string): string | undefined {
  const written = url.replace(/[?#].*$/s, "");
  const relative = decoded(written);
  if (relative === undefined || relative.includes("\\")) return "it is not a valid relative URL";
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from), relative)).replace(/\/$/, "");
  if (resolved === ".." || resolved.startsWith("../")) return "it leaves the project folder";
  const index = resolved === "." ? "index.html" : `${resolved}/index.html`;
  const folderOnly = written.endsWith("/") || resolved === ".";
  if (sitePaths.has(index) || (!folderOnly && sitePaths.has(resolved))) return undefined;
  const onDisk = kindOnDisk(path.join(root, resolved));
  if (onDisk === "folder") return `${resolved === "." ? "" : resolved}/ is a folder, not a page of the site`;
  if (onDisk === "file") return `${resolved} is not part of the site`;
  return `${resolved} does not exist`;
}

/** The URLs in an HTML file's attributes, each with where its attribute is written. */
function urlsOf(text: string): WrittenUrl[] {
  const tree = fromHtml(text, { verbose: true });
  const urls: WrittenUrl[] = [];
  let based = false;
  visit(tree, "element", (element) => {
    if (element.tagName === "base" && element.properties.href !== undefined) based = true;
    for (const name of urlProperties) {
      const value = element.properties[name];
      if (typeof value !== "string") continue;
      urls.push({ url: value.trim(), place: element.data?.position.properties?.[name] ?? element.position });
    }
  });
  // A `<base href>` moves what relative URLs are resolved against, to where the example is served from.
  return based ? [] : urls;
}

/**
 * Check the relative links (`href`, `src`) in the author's own HTML files
 * that the site publishes as they are (an example page that loads
 * `../static/svg.js`), as links in Markdown are checked: a URL that leads
 * to no file of the built site is a `link-target` warning at its attribute
 * in the HTML file. `sitePaths` are the paths of every file of the site.
 * Files under a `templates/` folder are not checked. With a `store`, the
 * URLs of a file read in an earlier build are taken from it. Returns the
 * files that have diagnostics.
 *
 * `<script src="./static/svg.js">` in `03_web/example.html`, with `static/` at the root →
 * `03_web/example.html:5:9 warning link target "./static/svg.js" cannot be shown: 03_web/static/svg.js does not exist [link-target]`
 */
export function checkHtmlFileLinks(
  root: string,
  files: readonly PublishedFile[],
  sitePaths: ReadonlySet<string>,
  store?: HtmlUrlStore,
): VFile[] {
  const reported: VFile[] = [];
  for (const published of files) {
    // A web framework's template (Flask's and Django's live in `templates/`) is served at an address of the example's
    // server, not at its place in the course, so its relative URLs cannot be resolved here.
    if (published.target.split("/").includes("templates")) continue;
    const urls = urlsIn(published.source, store);
    if (!urls) continue;
    const problems = urls.flatMap(({ url, place }) => {
      const reason = isUnchecked(url) ? undefined : missingReason(url, published.target, sitePaths, root);
      return reason === undefined ? [] : [{ reason: `link target "${url}" cannot be shown: ${reason}`, place }];
    });
    if (problems.length === 0) continue;
    const file = new VFile({ path: published.target, cwd: root, value: textOf(published.source) });
    for (const { reason, place } of problems) report(file, "link-target", reason, place);
    reported.push(file);
  }
  return reported;
}

/** The URLs written in an HTML file, from `store` when it has them; undefined when the file is too large to check or cannot be read. */
function urlsIn(source: string, store: HtmlUrlStore | undefined): WrittenUrl[] | undefined {
  const known = store?.read(store.hash(source));
  if (known) return known;
  let bytes: Buffer;
  try {
    // A file this large is generated output rather than a page the author wrote; its links are left unchecked.
    if (statSync(source).size > inputLimits.sourceBytes) return undefined;
    bytes = readFileSync(source);
  } catch {
    return undefined;
  }
  const urls = urlsOf(decodeText(bytes).text);
  store?.write(hashParts([bytes]), urls);
  return urls;
}

/** A file's text for the code frames of its diagnostics, or none when it is gone meanwhile. */
function textOf(source: string): string {
  try {
    return readText(source).text;
  } catch {
    return "";
  }
}
