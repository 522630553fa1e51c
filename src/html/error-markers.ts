import type { Element, Root, RootContent } from "hast";
import { h } from "hastscript";
import type { VFile } from "vfile";
import { isError } from "../diagnostics/report.js";
import { referenceProperties } from "../markdown/placeholders.js";

function isHeading(node: RootContent): boolean {
  return node.type === "element" && /^h[1-6]$/.test(node.tagName);
}

/**
 * Put a placeholder for each error found in a document so far next to the
 * block it was found in (after it when that block is a heading, so the
 * marker stays in its section; before it otherwise). A placeholder is a
 * hole the pages fill (see `site/resolve.ts`): with nothing, unless the
 * site is built with `--keep-going`, where it becomes a visible note with
 * the diagnostic, so a site written despite its errors shows where each is.
 *
 * An unknown shortcode on line 12 → `<p class="build-error">Error at line 12: unknown shortcode "figur" [shortcode-unknown]</p>`
 * before the paragraph that held it.
 */
export function insertErrorMarkers(tree: Root, file: VFile): void {
  const errors = file.messages.filter((message) => isError(message) && message.line !== undefined);
  for (const message of errors) {
    const line = message.line ?? 1;
    const text = `Error at line ${line}: ${message.reason}${message.ruleId ? ` [${message.ruleId}]` : ""}`;
    const marker: Element = h("div", referenceProperties("error", text));
    const at = tree.children.findIndex((node) => node.position !== undefined && node.position.end.line >= line);
    const block = tree.children[at];
    if (!block) tree.children.push(marker);
    else if (isHeading(block) && (block.position?.start.line ?? 0) <= line) tree.children.splice(at + 1, 0, marker);
    else tree.children.splice(at, 0, marker);
  }
}
