import type { Element, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Nodes, Root } from "mdast";
import path from "node:path";
import type { VFile } from "vfile";
import { isFile, isWithin, staysInside } from "../project/safe-path.js";
import { lessonOf, markUsed } from "./types.js";

/** Attributes of raw HTML that point at a file the page shows or offers: `<img src>`, `<a href>`, `<source src>`, … */
const fileAttributes = ["src", "href", "poster"] as const;

/** The path part of a URL relative to the page, decoded; undefined for an absolute URL, a `g:` link or a fragment. */
function relativePath(url: string): string | undefined {
  if (url === "" || /^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith("/") || url.startsWith("#")) return undefined;
  const bare = url.replace(/[?#].*$/s, "");
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

function elementUrls(nodes: (HastRoot | HastContent)[]): string[] {
  return nodes.flatMap((node) => {
    if (node.type !== "element" && node.type !== "root") return [];
    const own = node.type === "element" ? attributeUrls(node) : [];
    return [...own, ...elementUrls(node.children)];
  });
}

function attributeUrls(element: Element): string[] {
  return fileAttributes.flatMap((name) => {
    const value = element.properties[name];
    return typeof value === "string" ? [value] : [];
  });
}

/** The URLs written in a Markdown tree: links, images, the lesson's own definitions, and raw HTML's attributes. */
async function urlsOf(tree: Root, authoredLength: number): Promise<string[]> {
  const urls: string[] = [];
  const html: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "link" || node.type === "image") urls.push(node.url);
    // Shared definitions are appended after the author's text; their URLs are no lesson's files.
    else if (node.type === "definition" && (node.position?.start.offset ?? 0) < authoredLength) urls.push(node.url);
    else if (node.type === "html" && /\s(?:src|href|poster)\s*=/i.test(node.value)) html.push(node.value);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  if (html.length > 0) {
    // Loaded only for a lesson with raw HTML that names a file; a real parser reads every attribute syntax.
    const { fromHtml } = await import("hast-util-from-html");
    for (const value of html) urls.push(...elementUrls([fromHtml(value, { fragment: true })]));
  }
  return urls;
}

/**
 * Record every file of the lesson's data folder that the lesson points at
 * from Markdown or raw HTML (`[server.py](./server.py)`, `![](plot.svg)`,
 * `<img src="plot.svg">`, `<a href=notes.pdf>`, `<source src="clip.webm">`)
 * as used, so `data-file-unused` reports only files nothing refers to.
 * Blocks, figures and tables record their own files. Only the lesson's
 * data folder is looked at: a link to another lesson's page is no use of a
 * file, and would otherwise make that lesson an input of this one.
 */
export async function fileReferencesTransform(tree: Root, file: VFile): Promise<void> {
  const lesson = lessonOf(file);
  // The home page, glossary and bibliography have no data folder of their own.
  if (lesson.slug === "") return;
  const base = path.dirname(path.resolve(lesson.root, file.path));
  for (const url of await urlsOf(tree, String(file.value).length)) {
    const relative = relativePath(url);
    const absolute = relative === undefined ? undefined : path.resolve(base, relative);
    // Hashed as an input of the lesson, so never a link out of the project.
    if (absolute && isWithin(lesson.dataDir, absolute) && isFile(absolute) && staysInside(absolute, lesson.root)) markUsed(file, absolute);
  }
}

/** Unified plugin for {@link fileReferencesTransform}. */
export default function remarkFileReferences() {
  return fileReferencesTransform;
}
