import remarkDefinitionList from "remark-definition-list";
import remarkParse from "remark-parse";
import { unified } from "unified";
import remarkGfmTables from "./gfm-tables.js";
import remarkShortcodeSyntax from "./shortcodes/remark-shortcode-syntax.js";

/**
 * Step 1 of the document processor (`html/processor.ts`) alone: the syntax every lesson is
 * parsed with, for tools that edit the source by position (`refresh`) and
 * must see the same blocks the build sees.
 */
export function createMarkdownParser() {
  return unified().use(remarkParse).use(remarkGfmTables).use(remarkDefinitionList).use(remarkShortcodeSyntax);
}
