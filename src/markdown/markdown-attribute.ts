import type { Html, Nodes, Parent, Root, RootContent } from "mdast";
import type { Processor } from "unified";
import type { VFile } from "vfile";
import { treeDepthTransform } from "./input-limits.js";
import { pointAt } from "../diagnostics/source-positions.js";

/** A `markdown="…"` attribute in a start tag, with the tag before it. */
const markdownAttribute = /(<[a-zA-Z][\w-]*\b[^>]*?)\s+markdown\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;

/** A block of raw HTML that is a start tag on its own line, content, and the matching end tag on the last line. */
const wrappedBlock = /^(<([a-zA-Z][\w-]*)\b[^>]*>)[ \t]*\n([\s\S]*?)\n[ \t]*(<\/\2\s*>)[ \t]*$/;

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
 * The nodes a `markdown="1"` block becomes: its start tag, its content read
 * as Markdown, its end tag; undefined when `html` is no such block.
 */
function expandBlock(html: Html, file: VFile, parse: (text: string) => Root): RootContent[] | undefined {
  const match = wrappedBlock.exec(html.value);
  const [, start = "", , inner = "", end = ""] = match ?? [];
  if (!match || !/\smarkdown\s*=/.test(start) || inner.trim() === "") return undefined;
  // In a block quote or list item the block's text is not the file's (the markers are left out), so no position in
  // it could be mapped back, and every check that reads the source by position would misread it: left as it is.
  const offset = html.position?.start.offset;
  if (offset === undefined || String(file.value).slice(offset, html.position?.end.offset) !== html.value) return undefined;
  const parsed = parse(inner);
  // Cut before anything below recurses into it; the whole tree is cut again once every block is expanded.
  treeDepthTransform(parsed, file);
  const children = parsed.children;
  shiftPositions(children, file, offset + html.value.indexOf(inner, start.length));
  const tag = (value: string): Html => ({ type: "html", value: value.replace(markdownAttribute, "$1"), position: html.position });
  return [tag(start), ...children, tag(end)];
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
 */
export function markdownAttributeTransform(tree: Root, file: VFile, parse: (text: string) => Root): void {
  if (transform(tree, file, parse)) treeDepthTransform(tree, file);
}

/** Unified plugin for {@link markdownAttributeTransform}, parsing with the processor's own parser. */
export default function remarkMarkdownAttribute(this: Processor) {
  return (tree: Root, file: VFile) => markdownAttributeTransform(tree, file, (text) => this.parse(text) as Root);
}
