import type { Root } from "hast";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";

/**
 * The one HTML serialiser: a unified processor with rehype-stringify,
 * created once. Raw nodes are written as they are: HTML an author writes in
 * a lesson (kept by remark-rehype, as CommonMark does) and highlighted code.
 */
const processor = unified().use(rehypeStringify, { allowDangerousHtml: true }).freeze();

/** The HTML of `tree`. */
export function serialiseHtml(tree: Root): string {
  return processor.stringify(tree);
}
