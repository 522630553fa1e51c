import type { Element } from "hast";
import {
  bundledLanguages,
  createCssVariablesTheme,
  createHighlighter,
  createJavaScriptRegexEngine,
  type BundledLanguage,
  type Highlighter as ShikiHighlighter,
} from "shiki";
import { plainLanguages } from "../markdown/languages.js";

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

/** Bounds on the blocks a highlighter remembers, so the memo stays small next to the documents themselves. */
const memoLimit = { entries: 2000, length: 2000 };

/** Highlights code at build time; created once per build and handed to the HTML stage. */
export interface Highlighter {
  /** Load the grammars for these languages (unknown and plain ones are skipped). */
  load(languages: Iterable<string>): Promise<void>;
  /** A `<pre>` for `code`, highlighted when its language is known and loaded. */
  highlight(code: string, language: string | null | undefined): Element;
  /** Release the grammars and regex engine once the build is done. */
  dispose(): void;
}

function isBundled(language: string): language is BundledLanguage {
  return Object.hasOwn(bundledLanguages, language);
}

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
 * Create the build's highlighter: shiki with its JavaScript regex engine,
 * grammars loaded on demand. shiki itself starts with the first grammar, so
 * documents without code (a glossary, a home page) never pay for it.
 */
export async function createCodeHighlighter(): Promise<Highlighter> {
  let starting: Promise<ShikiHighlighter> | undefined;
  let shiki: ShikiHighlighter | undefined;
  const loaded = new Set<string>();
  const highlighted = new Map<string, Element>();
  return {
    async load(languages) {
      const wanted = [...new Set(languages)].filter((language) => isBundled(language) && !loaded.has(language));
      if (wanted.length === 0) return;
      starting ??= createHighlighter({ themes: [theme], langs: [], engine: createJavaScriptRegexEngine() });
      shiki = await starting;
      await shiki.loadLanguage(...(wanted as BundledLanguage[]));
      for (const language of wanted) loaded.add(language);
    },
    highlight(code, language) {
      const name = language?.toLowerCase() ?? "";
      if (!shiki || plainLanguages.has(name) || !loaded.has(name)) return plainPre(code, name || undefined);
      // The same file is often shown several times (`docker image ls`): tokenise it once, hand out copies.
      const key = `${name}\0${code}`;
      let pre = highlighted.get(key);
      if (!pre) {
        const first = shiki.codeToHast(code, { lang: name, theme: "lessons", ...tokenizeLimits }).children[0];
        if (first?.type !== "element") return plainPre(code, name);
        pre = { ...first, properties: { ...first.properties, dataLanguage: name } };
        if (highlighted.size < memoLimit.entries && code.length <= memoLimit.length) highlighted.set(key, pre);
      }
      return structuredClone(pre);
    },
    dispose() {
      highlighted.clear();
      shiki?.dispose();
    },
  };
}
