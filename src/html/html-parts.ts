import type { Element, ElementContent, Root } from "hast";
import type { HtmlParts } from "./holes.js";
import { serialiseHtml } from "./serialise.js";

function serialise(nodes: ElementContent[]): string {
  return serialiseHtml({ type: "root", children: nodes } satisfies Root);
}

/** The start tag of `element`, as the serialiser writes it. */
function startTag(element: Element): string {
  const empty = serialise([{ ...element, children: [] }]);
  return empty.slice(0, empty.length - `</${element.tagName}>`.length);
}

/** Elements that hold a hole somewhere below them, found in one pass. */
function holders(nodes: ElementContent[], isHole: (node: ElementContent) => boolean): Set<Element> {
  const found = new Set<Element>();
  const visit = (node: ElementContent): boolean => {
    if (isHole(node)) return true;
    if (node.type !== "element") return false;
    let holds = false;
    for (const child of node.children) if (visit(child)) holds = true;
    if (holds) found.add(node);
    return holds;
  };
  for (const node of nodes) visit(node);
  return found;
}

/**
 * Serialise `nodes`, leaving the nodes `isHole` picks as they are. An element
 * with a hole inside is written as its start tag, its children's parts and
 * its end tag; every run of nodes without holes becomes one string.
 */
export function toHtmlParts(nodes: ElementContent[], isHole: (node: ElementContent) => boolean): HtmlParts {
  const opened = holders(nodes, isHole);
  const parts: HtmlParts = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.length > 0) parts.push(serialise(run));
    run = [];
  };
  const add = (node: ElementContent) => {
    if (isHole(node)) {
      flush();
      parts.push(node);
    } else if (node.type === "element" && opened.has(node)) {
      flush();
      parts.push(startTag(node));
      for (const child of node.children) add(child);
      flush();
      parts.push(`</${node.tagName}>`);
    } else {
      run.push(node);
    }
  };
  for (const node of nodes) add(node);
  flush();
  return parts;
}
