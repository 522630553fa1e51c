import type { Root } from "mdast";
import type { VFile } from "vfile";
import { markPrefixedLinks } from "./prefixed-links.js";

/**
 * Mark `[text](g:key)` links as glossary references.
 *
 * `[image](g:docker_image)` becomes `<a data-lessons-ref="g:docker_image">image</a>`;
 * the site stage checks the key, points the link at the glossary entry and
 * adds the definition shown on hover and focus.
 */
export function glossaryLinksTransform(tree: Root, file: VFile): void {
  markPrefixedLinks(tree, file, "g", "glossary");
}

/** Unified plugin for {@link glossaryLinksTransform}. */
export default function remarkGlossaryLinks() {
  return glossaryLinksTransform;
}
