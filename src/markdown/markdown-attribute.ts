import type { Root } from "mdast";
import { forEachNode } from "./each-node.js";

/** A `markdown="…"` attribute in a start tag, with the tag before it. */
const markdownAttribute = /(<[a-zA-Z][\w-]*\b[^>]*?)\s+markdown\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;

/**
 * Remove the `markdown="1"` attribute older tools (Python-Markdown,
 * kramdown) read to render Markdown inside raw HTML. CommonMark renders
 * the Markdown inside a block when blank lines set it apart, with or
 * without the attribute, which means nothing in HTML and is not left on
 * the page.
 *
 * `<div class="callout" markdown="1">` → `<div class="callout">`
 */
export function markdownAttributeTransform(tree: Root): void {
  forEachNode(tree, "html", (html) => {
    if (html.value.includes("markdown")) html.value = html.value.replace(markdownAttribute, "$1");
  });
}

/** Unified plugin for {@link markdownAttributeTransform}. */
export default function remarkMarkdownAttribute() {
  return markdownAttributeTransform;
}
