import type { Blockquote, PhrasingContent, Root } from "mdast";
import { forEachNode } from "./each-node.js";

/** The text of a label, from its words and code; a label holding anything else (a link, an image) is no label. */
function labelText(nodes: PhrasingContent[]): string | undefined {
  let text = "";
  for (const node of nodes) {
    if (node.type === "text" || node.type === "inlineCode") text += node.value;
    else if (node.type === "emphasis") text += labelText(node.children) ?? "";
    else return undefined;
  }
  return text.trim();
}

/** Whether the blockquote opens with a bold label ending in a colon, inside the bold (`**Note:**`) or just after it (`**Note**:`). */
function opensWithLabel(blockquote: Blockquote): boolean {
  const [first] = blockquote.children;
  if (first?.type !== "paragraph") return false;
  const [label, after] = first.children;
  if (label?.type !== "strong") return false;
  const text = labelText(label.children);
  if (!text) return false;
  return text.endsWith(":") ? text.length > 1 : after?.type === "text" && after.value.startsWith(":");
}

/**
 * Mark callouts, the notes older courses write as a blockquote whose first
 * paragraph starts with a bold label ending in a colon, so that the page
 * can set them apart from quotations. The text stays as written.
 *
 * ```markdown
 * > **Please note:** the server must be running first.
 * ```
 * → `<blockquote class="callout">` around the paragraph, label and all.
 */
export function calloutsTransform(tree: Root): void {
  forEachNode(tree, "blockquote", (blockquote) => {
    if (!opensWithLabel(blockquote)) return;
    const data = (blockquote.data ??= {});
    const properties = (data.hProperties ??= {});
    const classes = Array.isArray(properties.className) ? properties.className : [];
    // The class older courses give their `<div class="callout">` notes: one look for both.
    properties.className = [...classes, "callout"];
  });
}

/** The remark plugin around {@link calloutsTransform}. */
export default function remarkCallouts() {
  return calloutsTransform;
}
