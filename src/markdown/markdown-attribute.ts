import type { Html, Nodes, Parent, Root, RootContent } from "mdast";
import type { Processor } from "unified";
import type { VFile } from "vfile";
import { treeDepthTransform } from "./input-limits.js";
import { pointAt } from "../diagnostics/source-positions.js";

/** A `markdown="…"` attribute in a start tag, with the tag before it. */
const markdownAttribute = /(<[a-zA-Z][\w-]*\b[^>]*?)\s+markdown\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;

/** A line that is only a start tag with a `markdown` attribute; the tag's name is group 1. */
const markedStartLine = /^[ \t]*<([a-zA-Z][\w-]*)\b[^>]*\smarkdown\s*=[^>]*>[ \t\r]*$/;

/** The lines of `text` with the offset at which each starts. */
function linesOf(text: string): { line: string; offset: number }[] {
  let offset = 0;
  return text.split("\n").map((line) => {
    const entry = { line, offset };
    offset += line.length + 1;
    return entry;
  });
}

/**
 * Where the Markdown content of the first block marked `markdown="1"` in a
 * raw HTML block's lines is: after its start tag's line, up to the line of
 * its matching end tag, or to the end of the HTML block when it ends first
 * (at a blank line, where CommonMark ends it: the rest is Markdown already).
 */
function markedContent(lines: { line: string; offset: number }[]): { start: number; end: number } | undefined {
  for (const [at, { line }] of lines.entries()) {
    const name = markedStartLine.exec(line)?.[1];
    if (name === undefined) continue;
    const open = new RegExp(`<${name}\\b[^>]*>`, "gi");
    const close = new RegExp(`</${name}\\s*>`, "gi");
    let depth = 1;
    let end = lines.length;
    for (let next = at + 1; next < lines.length && end === lines.length; next += 1) {
      const text = lines[next]?.line ?? "";
      depth += (text.match(open) ?? []).filter((tag) => !tag.endsWith("/>")).length - (text.match(close) ?? []).length;
      if (depth <= 0) end = next;
    }
    if (lines.slice(at + 1, end).some(({ line: text }) => text.trim() !== "")) return { start: at + 1, end };
  }
  return undefined;
}

/** Move every position in `nodes` (parsed from text at `base` in the file) to where the text is in the file. */
function shiftPositions(nodes: Nodes[], file: VFile, base: number): void {
  const visit = (node: Nodes) => {
    const { position } = node;
    if (position?.start.offset !== undefined && position.end.offset !== undefined)
      node.position = { start: pointAt(file, base + position.start.offset), end: pointAt(file, base + position.end.offset) };
    if ("children" in node) for (const child of node.children) visit(child);
  };
  for (const node of nodes) visit(node);
}

/**
 * The nodes a raw HTML block holding a `markdown="1"` block becomes: the
 * HTML before its content (its start tag without the attribute), the content
 * read as Markdown, and the HTML after it, which may hold the next such
 * block (older courses put two `markdown="1"` columns in one `<div class="row">`);
 * undefined when `html` holds no such block.
 */
function expandBlock(html: Html, file: VFile, parse: (text: string) => Root): RootContent[] | undefined {
  // In a block quote or list item the block's text is not the file's (the markers are left out), so no position in
  // it could be mapped back, and every check that reads the source by position would misread it: left as it is.
  const offset = html.position?.start.offset;
  if (offset === undefined || String(file.value).slice(offset, html.position?.end.offset) !== html.value) return undefined;
  const lines = linesOf(html.value);
  const content = markedContent(lines);
  if (!content) return undefined;
  const from = lines[content.start]?.offset ?? html.value.length;
  const to = lines[content.end]?.offset ?? html.value.length + 1;
  const parsed = parse(html.value.slice(from, to - 1));
  // Cut before anything below recurses into it; the whole tree is cut again once every block is expanded.
  treeDepthTransform(parsed, file);
  const children = parsed.children;
  shiftPositions(children, file, offset + from);
  const raw = (start: number, end: number): Html => ({
    type: "html",
    value: html.value.slice(start, end),
    position: { start: pointAt(file, offset + start), end: pointAt(file, offset + end) },
  });
  // The HTML after keeps its attributes: it is read next, as a block of its own.
  const before = raw(0, from - 1);
  before.value = before.value.replace(markdownAttribute, "$1");
  return [before, ...children, ...(to > html.value.length ? [] : [raw(to, html.value.length)])];
}

function transform(parent: Parent, file: VFile, parse: (text: string) => Root): boolean {
  let expandedAny = false;
  const flow = parent.type !== "paragraph" && parent.type !== "heading";
  for (let index = 0; index < parent.children.length; index += 1) {
    const node = parent.children[index] as RootContent;
    if (node.type === "html") {
      const expanded = flow ? expandBlock(node, file, parse) : undefined;
      if (expanded) {
        parent.children.splice(index, 1, ...(expanded as never[]));
        expandedAny = true;
      } else if (node.value.includes("markdown")) {
        node.value = node.value.replace(markdownAttribute, "$1");
      }
    } else if ("children" in node && transform(node, file, parse)) {
      expandedAny = true;
    }
  }
  return expandedAny;
}

/**
 * Read `markdown="1"` blocks as older tools (Python-Markdown, kramdown)
 * did: the content of a raw HTML block marked so is Markdown even without
 * the blank lines CommonMark needs, and the attribute, which means nothing
 * in HTML, is not left on the page. Runs before every other transform, so
 * the content gets what the rest of the lesson gets.
 *
 * ```
 * <div class="callout" markdown="1">
 * Remember that **fork** copies the process.
 * </div>
 * ```
 * → `<div class="callout">`, a paragraph with `<strong>fork</strong>`, `</div>`.
 *
 * A marked block may sit inside HTML that is not marked, as the columns of
 * `<div class="row">` do in older home pages; each such block is read.
 */
export function markdownAttributeTransform(tree: Root, file: VFile, parse: (text: string) => Root): void {
  if (transform(tree, file, parse)) treeDepthTransform(tree, file);
}

/** Unified plugin for {@link markdownAttributeTransform}, parsing with the processor's own parser. */
export default function remarkMarkdownAttribute(this: Processor) {
  return (tree: Root, file: VFile) => markdownAttributeTransform(tree, file, (text) => this.parse(text) as Root);
}
