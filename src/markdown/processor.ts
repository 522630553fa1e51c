import type { Root as HastRoot } from "hast";
import type { Root } from "mdast";
import { defListHastHandlers } from "mdast-util-definition-list";
import remarkDefinitionList from "remark-definition-list";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { VFile } from "vfile";
import { codeBlockHandler } from "../html/code-blocks.js";
import type { Highlighter } from "../html/highlighter.js";
import remarkCitations from "./citations.js";
import remarkDataFile from "./data-file.js";
import remarkGfmTables from "./gfm-tables.js";
import remarkGlossaryLinks from "./glossary-links.js";
import remarkHeadingAttributes from "./heading-attributes.js";
import remarkLoadLanguages from "./load-languages.js";
import remarkMalformedLinks from "./malformed-links.js";
import remarkReferenceLinks from "./reference-links.js";
import remarkShortcodes from "./shortcodes/index.js";
import remarkShortcodeSyntax from "./shortcodes/remark-shortcode-syntax.js";

/**
 * The document stage for any Markdown the site shows (lessons, the home
 * page, glossary and bibliography entries), in the order that matters:
 *
 * 1. parse: CommonMark, GFM tables, definition lists and `[% %]` syntax;
 * 2. heading attributes first, so no later step sees `{: .x}` as text;
 * 3. data files before languages are loaded, since they decide a block's language;
 * 4. malformed and unresolved links are found in text *before* shortcodes
 *    replace nodes, while text still matches the source;
 * 5. links and shortcodes become placeholders the site stage resolves;
 * 6. remark-rehype with build-time highlighting.
 */
export function createMarkdownProcessor(highlighter: Highlighter) {
  return unified()
    .use(remarkParse)
    .use(remarkGfmTables)
    .use(remarkDefinitionList)
    .use(remarkShortcodeSyntax)
    .use(remarkHeadingAttributes)
    .use(remarkDataFile)
    .use(remarkLoadLanguages, { highlighter })
    .use(remarkMalformedLinks)
    .use(remarkReferenceLinks)
    .use(remarkGlossaryLinks)
    .use(remarkCitations)
    .use(remarkShortcodes)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      handlers: { ...defListHastHandlers, code: codeBlockHandler(highlighter) },
    });
}

/** The processor {@link createMarkdownProcessor} returns. */
export type MarkdownProcessor = ReturnType<typeof createMarkdownProcessor>;

/** Parse and transform `file` (whose `data.lesson` is set) into HTML trees. */
export async function markdownToHast(processor: MarkdownProcessor, file: VFile, text: string): Promise<HastRoot> {
  const tree: Root = processor.parse(text);
  return (await processor.run(tree, file)) as HastRoot;
}
