import type { Link, Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";
import { referenceProperties } from "./placeholders.js";

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
