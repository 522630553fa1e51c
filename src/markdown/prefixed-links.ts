import type { Link, Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";

/** The kinds of placeholder the site stage resolves (see `site/references.ts`). */
export type ReferenceKind = "g" | "b" | "f" | "t" | "x" | "page" | "error" | "figure-label" | "table-label" | "exercise-label";

/** The hast property that marks an element the site stage must resolve: `kind:key`. */
export const referenceProperty = "dataLessonsRef";

/** Properties that mark an element as a reference of `kind` to `key`. */
export function referenceProperties(kind: ReferenceKind, key: string): Record<string, string> {
  return { [referenceProperty]: `${kind}:${key}` };
}

const keyPattern = /^[\w.:-]+$/;

/**
 * Turn every link whose URL is `prefix:key` into a reference placeholder of
 * `kind`; a prefix with no usable key is a `link-malformed` error, and the
 * link is shown as its text.
 */
export function markPrefixedLinks(tree: Root, file: VFile, prefix: "g" | "b", describe: string): void {
  forEachNode(tree, "link", (link: Link) => {
    if (!link.url.startsWith(`${prefix}:`)) return;
    const key = link.url.slice(prefix.length + 1);
    link.data ??= {};
    if (!keyPattern.test(key)) {
      report(file, "link-malformed", `malformed ${describe} link "${link.url}": expected [text](${prefix}:key)`, link);
      // Reported once here: shown as an unresolved reference, not checked again by the site stage.
      link.data.hName = "span";
      link.data.hProperties = { className: ["unresolved-reference"], href: undefined };
      return;
    }
    link.data.hProperties = { ...link.data.hProperties, ...referenceProperties(prefix, key) };
  });
}
