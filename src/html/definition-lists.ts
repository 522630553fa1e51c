import type { Handler } from "mdast-util-to-hast";
import { defListHastHandlers, type DefListDescriptionNode } from "mdast-util-definition-list";

/**
 * A definition with two paragraphs or more is loose: its paragraphs stay
 * paragraphs. The definition-list extension calls a definition loose only
 * when a blank line comes before its `:`, and otherwise runs the text of
 * every paragraph together, so that
 *
 * ```markdown
 * term
 * :   One paragraph.
 *
 *     Another.
 * ```
 * would show `One paragraph. Another.` as one line of text.
 */
const description: Handler = (state, node: DefListDescriptionNode, parent) => {
  const paragraphs = node.children.filter((child) => child.type === "paragraph").length;
  return defListHastHandlers.defListDescription(state, paragraphs > 1 ? { ...node, spread: true } : node, parent);
};

/** The remark-rehype handlers for definition lists: the extension's own, with {@link description} for definitions. */
export const definitionListHandlers = { ...defListHastHandlers, defListDescription: description };
