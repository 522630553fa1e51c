import type { Element } from "hast";
import {
  bundledLanguages,
  createCssVariablesTheme,
  createHighlighter,
  createOnigurumaEngine,
  getTokenStyleObject,
  stringifyTokenStyle,
  type BundledLanguage,
  type Highlighter as ShikiHighlighter,
  type ThemedToken,
} from "shiki";
import { blockKey, type HighlightedBlock } from "./highlighted-block.js";
import { commandLanguage, commandLines, parseTranscript, transcriptLanguages, transcriptPre, type StyledToken } from "./transcript.js";

/** Languages that are shown as plain text, never highlighted. */
const plainLanguages = new Set(["text", "txt", "plain", "output", "out", ""]);

/**
 * One theme whose colours are CSS variables (`--shiki-token-keyword`, …),
 * so the light and dark themes come from one tokenisation and the
 * stylesheet.
 */
const theme = createCssVariablesTheme({ name: "lessons", variablePrefix: "--shiki-", fontStyle: true });

/**
 * No time limit per line: shiki's default (500 ms) gives up on a line that
 * takes longer, which happens on a busy machine while the first lines compile
 * a grammar's regular expressions, and the same block then comes out with
 * fewer colours. A length limit instead keeps pathological lines in check
 * and depends only on the input.
 */
const tokenizeLimits = { tokenizeTimeLimit: 0, tokenizeMaxLineLength: 10_000 };

/** Bounds on the blocks a highlighter remembers (their HTML is shared, not copied), so the memo stays small. */
const memoLimit = { entries: 500, length: 20_000 };

/** Text as rehype-stringify (hast-util-to-html) writes it, so a highlighted block reads the same as any other serialised text. */
function escapeText(text: string): string {
  return text.replace(/[&<]/g, (character) => (character === "&" ? "&#x26;" : "&#x3C;"));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"]/g, (character) => (character === "&" ? "&#x26;" : "&#x22;"));
}

const whitespaceOnly = /^\s+$/;
/** Underline and strikethrough are visible on spaces, so such tokens are never merged. */
const decorations = 4 | 8;

/** Whitespace-only tokens joined to the token after them, as shiki's own HTML output does. */
function mergeWhitespace(line: ThemedToken[]): ThemedToken[] {
  const merged: ThemedToken[] = [];
  let carried = "";
  line.forEach((token, at) => {
    const mergeable = !((token.fontStyle ?? 0) & decorations);
    if (mergeable && whitespaceOnly.test(token.content) && at + 1 < line.length) {
      carried += token.content;
    } else if (carried) {
      if (mergeable) merged.push({ ...token, content: carried + token.content });
      else merged.push({ content: carried, offset: token.offset }, token);
      carried = "";
    } else {
      merged.push(token);
    }
  });
  return merged;
}

/** A line's tokens with their CSS, whitespace-only tokens merged. */
function styledLine(line: ThemedToken[]): StyledToken[] {
  return mergeWhitespace(line).map((token) => ({
    content: token.content,
    style: stringifyTokenStyle(token.htmlStyle ?? getTokenStyleObject(token)),
  }));
}

/**
 * The `<code>` element of a highlighted block as HTML: one `<span class="line">`
 * per line and one styled span per token. Written as a string rather than a
 * tree, since a lesson's code has more tokens than the rest of it has nodes,
 * and nothing after highlighting looks inside a code block.
 */
function codeHtml(lines: ThemedToken[][]): string {
  const parts: string[] = ["<code>"];
  lines.forEach((line, at) => {
    if (at > 0) parts.push("\n");
    parts.push('<span class="line">');
    for (const { content, style } of styledLine(line)) {
      parts.push(style ? `<span style="${escapeAttribute(style)}">` : "<span>", escapeText(content), "</span>");
    }
    parts.push("</span>");
  });
  parts.push("</code>");
  return parts.join("");
}

/** A block to highlight: its code and its language as written (any case), if any. */
export interface CodeBlock {
  code: string;
  language: string | null | undefined;
}

/** Highlights code at build time; created once per build and handed to the HTML stage. */
export interface Highlighter {
  /** Get ready to highlight these blocks: load the grammars of those not already highlighted (unknown and plain languages are skipped). */
  load(blocks: Iterable<CodeBlock>): Promise<void>;
  /** A `<pre>` for `code`, highlighted when its language is known and loaded (or it was highlighted before). */
  highlight(code: string, language: string | null | undefined): Element;
  /**
   * Blocks an earlier build highlighted, given back so that `load` and
   * `highlight` treat them as done: a lesson read again after an edit, whose
   * code is mostly unchanged, then often needs no grammar at all.
   */
  remember(blocks: readonly HighlightedBlock[]): void;
  /** Release the grammars and regex engine once the build is done. */
  dispose(): void;
}

function isBundled(language: string): language is BundledLanguage {
  return Object.hasOwn(bundledLanguages, language);
}

/** The colours of the CSS-variables theme, as shiki gives them for every block. */
const themeStyle = "background-color:var(--shiki-background);color:var(--shiki-foreground)";

function plainPre(code: string, language: string | undefined): Element {
  return {
    type: "element",
    tagName: "pre",
    properties: { className: ["code", "plain"], tabIndex: 0 },
    children: [
      {
        type: "element",
        tagName: "code",
        properties: language ? { className: [`language-${language}`] } : {},
        children: [{ type: "text", value: code }],
      },
    ],
  };
}

/**
 * Create the build's highlighter: shiki with the Oniguruma regex engine
 * (its WebAssembly build, from the shiki package), grammars loaded on
 * demand. shiki itself starts with the first grammar, so documents without
 * code (a glossary, a home page) never pay for it. Oniguruma compiles a
 * grammar's expressions far quicker than the JavaScript engine translates
 * them: measured on the benchmark course, the first 30 blocks of a fresh
 * process highlight in half the time, and a worker's 3,000 in four fifths.
 */
export async function createCodeHighlighter(): Promise<Highlighter> {
  let starting: Promise<ShikiHighlighter> | undefined;
  let shiki: ShikiHighlighter | undefined;
  const loaded = new Set<string>();
  const highlighted = new Map<string, Element>();
  /** The blocks of the lesson being read that an earlier build highlighted; never evicted, replaced for the next lesson. */
  let seeded = new Map<string, Element>();
  const keep = (key: string, pre: Element) => {
    highlighted.set(key, pre);
    const oldest = highlighted.keys().next();
    if (highlighted.size > memoLimit.entries && !oldest.done) highlighted.delete(oldest.value);
  };
  return {
    async load(blocks) {
      const languages = new Set<string>();
      for (const { code, language } of blocks) {
        // The memo may drop a block before it is highlighted; what an earlier build highlighted stays until the next lesson.
        if (!language || seeded.has(blockKey(code, language))) continue;
        const name = language.toLowerCase();
        languages.add(transcriptLanguages.has(name) ? commandLanguage : name);
      }
      const wanted = [...languages].filter((language) => isBundled(language) && !loaded.has(language));
      if (wanted.length === 0) return;
      starting ??= createHighlighter({ themes: [theme], langs: [], engine: createOnigurumaEngine(import("shiki/wasm")) });
      shiki = await starting;
      await shiki.loadLanguage(...(wanted as BundledLanguage[]));
      for (const language of wanted) loaded.add(language);
    },
    highlight(code, language) {
      const name = language?.toLowerCase() ?? "";
      // The same file is often shown several times (`docker image ls`): tokenise it once, hand out copies.
      const key = blockKey(code, name);
      let pre = seeded.get(key) ?? highlighted.get(key);
      if (pre) {
        // Most recently used last, so the blocks many lessons show stay while the others make way.
        highlighted.delete(key);
        keep(key, pre);
      } else if (transcriptLanguages.has(name)) {
        const lines = parseTranscript(code);
        if (!shiki || !loaded.has(commandLanguage)) {
          return transcriptPre(lines, { className: ["code", "plain"], tabIndex: 0, dataLanguage: name }, undefined);
        }
        const commands = commandLines(lines);
        const { tokens } = shiki.codeToTokens(commands.join("\n"), {
          lang: commandLanguage,
          theme: "lessons",
          ...tokenizeLimits,
        });
        pre = transcriptPre(
          lines,
          { className: ["shiki", "lessons"], style: themeStyle, tabIndex: 0, dataLanguage: name },
          tokens.map(styledLine),
        );
        if (code.length <= memoLimit.length) keep(key, pre);
      } else {
        if (!shiki || plainLanguages.has(name) || !loaded.has(name)) return plainPre(code, name || undefined);
        const { tokens, fg, bg, themeName } = shiki.codeToTokens(code, {
          lang: name as BundledLanguage,
          theme: "lessons",
          ...tokenizeLimits,
        });
        pre = {
          type: "element",
          tagName: "pre",
          properties: {
            className: ["shiki", themeName ?? "lessons"],
            style: `background-color:${bg};color:${fg}`,
            tabIndex: 0,
            dataLanguage: name,
          },
          children: [{ type: "raw", value: codeHtml(tokens) }],
        };
        if (code.length <= memoLimit.length) keep(key, pre);
      }
      return { ...pre, properties: { ...pre.properties } };
    },
    remember(blocks) {
      seeded = new Map(blocks);
    },
    dispose() {
      highlighted.clear();
      seeded.clear();
      shiki?.dispose();
    },
  };
}
