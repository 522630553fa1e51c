import type { Root as HastRoot } from "hast";
import type { Root } from "mdast";
import remarkRehype from "remark-rehype";
import type { VFile } from "vfile";
import type { StageTimings } from "../diagnostics/timings.js";
import { codeBlockHandler } from "./code-blocks.js";
import { definitionListHandlers } from "./definition-lists.js";
import type { Highlighter } from "./highlighter.js";
import rehypeTableAlignment from "./table-alignment.js";
import type { ParseDocument } from "../markdown/document-parts.js";
import { createMarkdownParser } from "../markdown/parser.js";
import remarkCallouts from "../markdown/callouts.js";
import remarkCitations from "../markdown/citations.js";
import remarkDataFile from "../markdown/data-file.js";
import remarkFenceClosers from "../markdown/fence-closers.js";
import remarkHtmlBlockClosers from "../markdown/html-block-closers.js";
import remarkGlossaryLinks from "../markdown/glossary-links.js";
import remarkHeadingAttributes from "../markdown/heading-attributes.js";
import remarkTreeDepthLimit from "../markdown/input-limits.js";
import remarkLoadLanguages from "./load-languages.js";
import remarkListWrappers from "../markdown/list-wrappers.js";
import remarkLocalLinks from "../markdown/local-links.js";
import remarkMalformedLinks from "../markdown/malformed-links.js";
import remarkMarkdownAttribute from "../markdown/markdown-attribute.js";
import remarkRawFigures from "../markdown/raw-figures.js";
import remarkReferenceLinks from "../markdown/reference-links.js";
import remarkShortcodes from "../markdown/shortcodes/index.js";

/**
 * The document stage for any Markdown the site shows (lessons, the home
 * page, glossary and bibliography entries), in the order that matters:
 *
 * 1. parse: CommonMark, GFM tables, definition lists and `[% %]` syntax;
 *    then cut the tree at a depth limit, before any step that recurses;
 * 2. `markdown="1"` blocks read as Markdown, so every later step sees their content,
 *    and lists written inside a list tag of their own merged with it;
 *    then heading attributes, so no later step sees `{: .x}` as text;
 * 3. data files before languages are loaded, since they decide a block's
 *    language (fences and HTML blocks left open were closed by the parse,
 *    see `closing-parse.ts`; their plugins only report them);
 * 4. malformed and unresolved links are found in text *before* shortcodes
 *    replace nodes, while text still matches the source;
 * 5. links and shortcodes become placeholders the site stage resolves; local
 *    links (files, other lessons, root pages, which also count as uses for
 *    `data-file-unused`) after the prefixed ones, so `g:` and `b:` links are
 *    never taken for file names; figures written in raw HTML numbered after
 *    local links took their `src` for the site, and with the shortcodes'
 *    figures; callouts marked after `markdown="1"` blocks are read, so a
 *    callout inside one is marked too;
 * 6. remark-rehype with build-time highlighting; then table alignment as classes
 *    (after it, because shortcode tables only become elements there).
 */
export function createMarkdownProcessor(highlighter: Highlighter) {
  return createMarkdownParser()
    .use(remarkTreeDepthLimit)
    .use(remarkMarkdownAttribute)
    .use(remarkListWrappers)
    .use(remarkHeadingAttributes)
    .use(remarkFenceClosers)
    .use(remarkHtmlBlockClosers)
    .use(remarkDataFile)
    .use(remarkLoadLanguages, { highlighter })
    .use(remarkMalformedLinks)
    .use(remarkReferenceLinks)
    .use(remarkGlossaryLinks)
    .use(remarkCitations)
    .use(remarkLocalLinks)
    .use(remarkShortcodes)
    .use(remarkRawFigures)
    .use(remarkCallouts)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      handlers: { ...definitionListHandlers, code: codeBlockHandler(highlighter) },
    })
    .use(rehypeTableAlignment);
}

/** The processor {@link createMarkdownProcessor} returns. */
export type MarkdownProcessor = ReturnType<typeof createMarkdownProcessor>;

/**
 * Parse and transform `file` (whose `data.lesson` is set) into HTML trees;
 * `timings`, if given, is told how long each took. With `parse`, the text
 * is parsed through it, under the file's path (see `sectioned-parse.ts` and
 * `incremental-parse.ts`); without it, by the processor, whole.
 */
export async function markdownToHast(
  processor: MarkdownProcessor,
  file: VFile,
  text: string,
  { timings, parse }: { timings?: StageTimings | undefined; parse?: ParseDocument | undefined } = {},
): Promise<HastRoot> {
  const parseText = (): Root => (parse ? parse(text, file.path) : processor.parse(text));
  if (!timings) return (await processor.run(parseText(), file)) as HastRoot;
  const tree = timings.time("parse", parseText);
  return (await timings.timeAsync("transforms", () => processor.run(tree, file))) as HastRoot;
}
