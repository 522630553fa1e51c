import type { Element, ElementContent, Root } from "hast";

/**
 * HTML serialised ahead of time, with holes: strings are finished HTML;
 * nodes are the parts whose HTML depends on the page that shows them (a
 * reference placeholder, a site-absolute URL), kept as trees until then.
 * A lesson is serialised once, where it is read (on a worker thread), and
 * each page that shows it only fills the holes. This module loads no
 * serialiser of its own, so a build replayed from the cache, which only
 * reads parts, never loads unified.
 */
export type HtmlParts = (string | ElementContent)[];

/** The holes of `parts`, in order. */
export function holesOf(parts: HtmlParts): ElementContent[] {
  return parts.filter((part): part is ElementContent => typeof part !== "string");
}

/** The HTML of a tree, as the project's one serialiser writes it (`serialise.ts`). */
export type Serialiser = (tree: Root) => string;

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
 * Serialise `nodes` with `serialiseTree`, leaving the nodes `isHole` picks as
 * they are. An element with a hole inside is written as its start tag, its
 * children's parts and its end tag; every run of nodes without holes becomes
 * one string.
 */
export function toHtmlParts(nodes: ElementContent[], isHole: (node: ElementContent) => boolean, serialiseTree: Serialiser): HtmlParts {
  const serialise = (run: ElementContent[]) => serialiseTree({ type: "root", children: run });
  /** The start tag of `element`, as the serialiser writes it. */
  const startTag = (element: Element) => {
    const empty = serialise([{ ...element, children: [] }]);
    return empty.slice(0, empty.length - `</${element.tagName}>`.length);
  };
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
