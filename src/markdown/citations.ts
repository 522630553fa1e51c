import type { Root } from "mdast";
import type { VFile } from "vfile";
import { markPrefixedLinks } from "./prefixed-links.js";

/**
 * Mark `[text](b:key)` links as citations.
 *
 * `[[Stoneman2020](b:Stoneman2020)]` becomes
 * `[<a data-lessons-ref="b:Stoneman2020">Stoneman2020</a>]`; the site stage
 * checks the key and points the link at the bibliography entry.
 */
export function citationsTransform(tree: Root, file: VFile): void {
  markPrefixedLinks(tree, file, "b", "citation");
}

/** Unified plugin for {@link citationsTransform}. */
export default function remarkCitations() {
  return citationsTransform;
}
