import type { Element } from "hast";
import { h } from "hastscript";
import type { Code } from "mdast";
import type { State } from "mdast-util-to-hast";
import type { Highlighter } from "./highlighter.js";
import { outputLanguages, transcriptLanguages } from "./transcript.js";

function caption(code: Code): Element | undefined {
  const dataFile = code.data?.dataFile;
  if (!dataFile) return undefined;
  const name = dataFile.href
    ? h("a.data-file-name", { href: dataFile.href, download: dataFile.path.split("/").at(-1) }, dataFile.name)
    : h("span.data-file-name", dataFile.name);
  return h("figcaption", [name, h("button.copy-code", { type: "button", hidden: true }, "Copy")]);
}

/** What a block shows, for the stylesheet: a terminal transcript, a program's output, or code. */
function kindOf(language: string | null | undefined): string[] {
  const name = language?.toLowerCase() ?? "";
  if (transcriptLanguages.has(name)) return ["transcript"];
  if (outputLanguages.has(name)) return ["output"];
  return [];
}

/**
 * The remark-rehype handler for code blocks: highlighted with shiki at
 * build time; a `data-file` block becomes
 * `<figure class="data-file"><figcaption><a download>name</a><button>Copy</button></figcaption><pre>…</pre></figure>`.
 * A terminal transcript's figure has the class `transcript` (its lines are
 * told apart, see `transcript.ts`), a program's output the class `output`.
 */
export function codeBlockHandler(highlighter: Highlighter) {
  return (state: State, code: Code): Element => {
    const pre = highlighter.highlight(code.value, code.lang);
    const label = caption(code);
    const kind = kindOf(code.lang);
    const result = label
      ? h("figure", { className: ["data-file", ...kind] }, [label, pre])
      : h("figure", { className: ["code", ...kind] }, [h("button.copy-code", { type: "button", hidden: true }, "Copy"), pre]);
    state.patch(code, result);
    return result;
  };
}
