import type { Element, ElementContent } from "hast";
import { visit } from "unist-util-visit";
import { referenceProperty, type ReferenceKind } from "../markdown/placeholders.js";

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
