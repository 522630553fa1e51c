import type { Root } from "mdast";
import type { Highlighter } from "../html/highlighter.js";
import { forEachNode } from "./each-node.js";

/**
 * Load the grammars of every code block in the tree before the HTML stage
 * highlights them synchronously; a site loads only the languages it uses.
 */
export default function remarkLoadLanguages(options: { highlighter: Highlighter }) {
  return async (tree: Root): Promise<void> => {
    const languages = new Set<string>();
    forEachNode(tree, "code", (code) => {
      if (code.lang) languages.add(code.lang.toLowerCase());
    });
    await options.highlighter.load(languages);
  };
}
