import type { Root } from "hast";
import { forEachNode } from "../markdown/each-node.js";

/**
 * Replace the `align` attribute that GFM column alignment gives table cells
 * (obsolete in HTML5, so the page would not validate) with a class that
 * `site.css` styles: `| a | b |` over `|---|--:|` gives
 * `<td class="align-right">` instead of `<td align="right">`.
 */
export function tableAlignmentTransform(tree: Root): void {
  forEachNode(tree, "element", (element) => {
    if (element.tagName !== "td" && element.tagName !== "th") return;
    const align = element.properties.align;
    if (typeof align !== "string") return;
    delete element.properties.align;
    const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
    element.properties.className = [...classes, `align-${align}`];
  });
}

/** The rehype plugin around {@link tableAlignmentTransform}, for after remark-rehype. */
export default function rehypeTableAlignment() {
  return tableAlignmentTransform;
}
