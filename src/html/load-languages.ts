import type { Root } from "mdast";
import type { CodeBlock, Highlighter } from "./highlighter.js";
import { forEachNode } from "../markdown/each-node.js";

/**
 * Load the grammars of every code block in the tree before the HTML stage
 * highlights them synchronously; a site loads only the languages it uses,
 * and a lesson whose blocks were all highlighted before loads none.
 */
export default function remarkLoadLanguages(options: { highlighter: Highlighter }) {
  return async (tree: Root): Promise<void> => {
    const blocks: CodeBlock[] = [];
    forEachNode(tree, "code", (code) => {
      blocks.push({ code: code.value, language: code.lang });
    });
    await options.highlighter.load(blocks);
  };
}
