import type { Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";
import { sourceOf, spanAt } from "../diagnostics/source-positions.js";

const brokenPrefixedLink = /\[[^\]\n]*\]\((g|b):[^\n]*?(?:\)|%\]|$)/gm;

/**
 * Report text that was meant to be a `g:` or `b:` link but is not one, so it
 * would otherwise appear on the page as literal text.
 *
 * `[docker_tag](g:g %]` is reported as `link-malformed` at its `[`.
 */
export function malformedLinksTransform(tree: Root, file: VFile): void {
  forEachNode(tree, "text", (text) => {
    const source = sourceOf(file, text.position);
    if (!source || !source.text.includes("](")) return;
    for (const match of source.text.matchAll(brokenPrefixedLink)) {
      const kind = match[1] === "g" ? "glossary" : "citation";
      const written = match[0].trimEnd();
      report(
        file,
        "link-malformed",
        `malformed ${kind} link "${written}": expected [text](${match[1]}:key)`,
        spanAt(file, source.offset + match.index, written.length),
      );
    }
  });
}

/** Unified plugin for {@link malformedLinksTransform}. */
export default function remarkMalformedLinks() {
  return malformedLinksTransform;
}
