import type { Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";
import { sourceOf, spanAt } from "../diagnostics/source-positions.js";

const unresolvedReference = /\[([^\]\n]+)\]\[([^\]\n]*)\]/g;

/**
 * Report reference-style links that resolved against neither the lesson's
 * own definitions nor the shared links file (both are in the tree: the
 * shared definitions are appended to the lesson before parsing). CommonMark
 * leaves such a link as literal text, so it is found in text nodes.
 *
 * `[Docker][dockr]` with no `[dockr]: …` anywhere is a `link-reference` error.
 */
export function referenceLinksTransform(tree: Root, file: VFile): void {
  forEachNode(tree, "text", (text) => {
    const source = sourceOf(file, text.position);
    if (!source || !source.text.includes("][")) return;
    for (const match of source.text.matchAll(unresolvedReference)) {
      const label = match[2] || match[1] || "";
      report(
        file,
        "link-reference",
        `undefined link reference "${label}": define [${label}]: URL in the lesson or the shared links file`,
        spanAt(file, source.offset + match.index, match[0].length),
      );
    }
  });
}

/** Unified plugin for {@link referenceLinksTransform}. */
export default function remarkReferenceLinks() {
  return referenceLinksTransform;
}
