import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";
import { isSiteAbsolute, rawSiteUrl, referenceProperty, type ReferenceKind } from "../markdown/placeholders.js";

/** A placeholder element found in a tree, with its kind and key. */
export interface FoundReference {
  kind: ReferenceKind;
  key: string;
  element: Element;
}

/** The kind and key of a placeholder element, or undefined for any other element. */
export function referenceOf(element: Element): { kind: ReferenceKind; key: string } | undefined {
  const value = element.properties[referenceProperty];
  if (typeof value !== "string") return undefined;
  const colon = value.indexOf(":");
  return { kind: value.slice(0, colon) as ReferenceKind, key: value.slice(colon + 1) };
}

/** The source path a `page` reference names (`02_fs/index.md#setup` → `02_fs/index.md`). */
export function pageSourceOf(key: string): string {
  const hash = key.indexOf("#");
  return hash < 0 ? key : key.slice(0, hash);
}

/**
 * The site paths (without `/`, `#fragment` or `?query`) that links, images
 * and raw HTML in `nodes` name site-absolutely, as the document stage writes
 * the pages it links without leaving them to the site stage (a link
 * definition's, raw HTML's).
 */
export function collectSitePaths(nodes: ElementContent[]): string[] {
  const paths: string[] = [];
  const add = (url: string) => {
    try {
      paths.push(decodeURI(url.replace(/[?#].*$/s, "")));
    } catch {
      // Not a URL the document stage wrote, so no page it links.
    }
  };
  const root: Root = { type: "root", children: nodes };
  visit(root, (node) => {
    if (node.type === "element" && isSiteAbsolute(node.properties.href)) add(node.properties.href.slice(1));
    else if (node.type === "raw") for (const match of node.value.matchAll(rawSiteUrl)) add(match[2] ?? "");
  });
  return paths;
}

/** Trees → their placeholders: a document's trees are never changed once read, so a long-running process searches each once. */
const foundIn = new WeakMap<ElementContent[], FoundReference[]>();

/** Every placeholder in `nodes`, in document order, searched for afresh. */
export function collectReferences(nodes: ElementContent[]): FoundReference[] {
  const found: FoundReference[] = [];
  visit({ type: "root", children: nodes }, "element", (element: Element) => {
    const reference = referenceOf(element);
    if (reference) found.push({ ...reference, element });
  });
  return found;
}

/** {@link collectReferences}, remembered for `nodes`. */
export function findReferences(nodes: ElementContent[]): FoundReference[] {
  let found = foundIn.get(nodes);
  if (!found) {
    found = collectReferences(nodes);
    foundIn.set(nodes, found);
  }
  return found;
}
