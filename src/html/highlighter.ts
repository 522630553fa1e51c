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

/** Create the build's highlighter: shiki with its JavaScript regex engine, grammars loaded on demand. */
export async function createCodeHighlighter(): Promise<Highlighter> {
  const shiki: ShikiHighlighter = await createHighlighter({ themes: [theme], langs: [], engine: createJavaScriptRegexEngine() });
  const loaded = new Set<string>();
  return {
    async load(languages) {
      const wanted = [...new Set(languages)].filter((language) => isBundled(language) && !loaded.has(language));
      await shiki.loadLanguage(...(wanted as BundledLanguage[]));
      for (const language of wanted) loaded.add(language);
    },
    highlight(code, language) {
      const name = language?.toLowerCase() ?? "";
      if (plainLanguages.has(name) || !loaded.has(name)) return plainPre(code, name || undefined);
      const root = shiki.codeToHast(code, { lang: name, theme: "lessons" });
      const pre = root.children[0];
      if (pre?.type !== "element") return plainPre(code, name);
      pre.properties = { ...pre.properties, dataLanguage: name };
      return pre;
    },
    dispose() {
      shiki.dispose();
    },
  };
}
