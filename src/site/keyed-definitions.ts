import type { Element, ElementContent, Root, RootContent } from "hast";
import { toString } from "hast-util-to-string";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import type { RuleId } from "../diagnostics/rules.js";

/** One `<dt><span id="key">term</span></dt><dd>…</dd>` pair. */
export interface KeyedDefinition {
  key: string;
  /** The term as plain text. */
  term: string;
  /** The term as written, inline code and all, without its `<span id>` tags. */
  termContent: ElementContent[];
  content: ElementContent[];
  position: Position | undefined;
}

/** A term's `<span id="key">`, with its id in double, single or no quotes. */
export const spanId = /<span\s(?:[^>]*?\s)?id\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s"'=<>`]+))[^>]*>/i;

/** The key of a `<span id="key">` tag, or undefined. */
export function spanKey(tag: string): string | undefined {
  const match = spanId.exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

const spanTag = /^<\/?span\b[^>]*>$/i;

/** A term's content without the `<span id="key">` and `</span>` around it (other inline HTML stays as written). */
export function termContentOf(nodes: (ElementContent | RootContent)[]): ElementContent[] {
  return nodes.filter(
    (node): node is ElementContent => node.type !== "doctype" && !(node.type === "raw" && spanTag.test(node.value.trim())),
  );
}

function elements(nodes: RootContent[], tagName: string): Element[] {
  return nodes.filter((node): node is Element => node.type === "element" && node.tagName === tagName);
}

/** A definition list entry whose term may lack a `<span id="key">` (then its key is undefined). */
export type DefinitionEntry = Omit<KeyedDefinition, "key"> & { key: string | undefined };

/**
 * Read the definition lists of a rendered `glossary.md` or `bibliography.md`:
 * each term is `<span id="key">term</span>`, followed by its definition(s);
 * `list` counts the lists, from 0.
 */
export function readDefinitionLists(tree: Root): (DefinitionEntry & { list: number })[] {
  const entries: (DefinitionEntry & { list: number })[] = [];
  for (const [list, element] of elements(tree.children, "dl").entries()) {
    let current: DefinitionEntry | undefined;
    for (const child of element.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "dt") {
        const raw = child.children.map((node) => (node.type === "raw" ? node.value : "")).join("");
        const termContent = termContentOf(child.children);
        const entry = { key: spanKey(raw), term: toString(child).trim(), termContent, content: [], position: child.position, list };
        entries.push(entry);
        current = entry;
      } else if (child.tagName === "dd" && current) {
        current.content.push(...child.children);
      }
    }
  }
  return entries;
}

/** {@link readDefinitionLists}, with each term that has no span reported under `rule` and left out. */
export function readKeyedDefinitions(tree: Root, file: VFile, rule: RuleId): KeyedDefinition[] {
  return readDefinitionLists(tree).flatMap(({ key, term, termContent, content, position }) => {
    if (key !== undefined) return [{ key, term, termContent, content, position }];
    report(file, rule, `term "${term}" has no <span id="key">…</span>`, position);
    return [];
  });
}

/** Report keys defined twice under `rule` (at the second definition) and keep the first. */
export function uniqueByKey<T extends { key: string; position: Position | undefined }>(
  entries: T[],
  file: VFile,
  rule: RuleId,
  what: string,
): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (!seen.has(entry.key)) return seen.add(entry.key);
    report(file, rule, `${what} key "${entry.key}" is defined twice`, entry.position);
    return false;
  });
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** The order of bibliography entries: by key, ignoring case and accents, numbers by value (`Smith2` before `Smith10`); keys equal that way by code point. */
export function byKey(a: { key: string }, b: { key: string }): number {
  return collator.compare(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
