import type { Element, ElementContent, Root, RootContent } from "hast";
import { toString } from "hast-util-to-string";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import type { RuleId } from "../diagnostics/rules.js";

/** One `<dt><span id="key">term</span></dt><dd>…</dd>` pair. */
export interface KeyedDefinition {
  key: string;
  term: string;
  content: ElementContent[];
  position: Position | undefined;
}

const spanId = /<span\s+id="([^"]+)"\s*>/;

function elements(nodes: RootContent[], tagName: string): Element[] {
  return nodes.filter((node): node is Element => node.type === "element" && node.tagName === tagName);
}

/**
 * Read the definition lists of a rendered `glossary.md` or `bibliography.md`:
 * each term is `<span id="key">term</span>`, followed by its definition(s).
 * A term without such a span is reported under `rule`.
 */
export function readKeyedDefinitions(tree: Root, file: VFile, rule: RuleId): KeyedDefinition[] {
  const entries: KeyedDefinition[] = [];
  for (const list of elements(tree.children, "dl")) {
    let current: KeyedDefinition | undefined;
    for (const child of list.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "dt") {
        const raw = child.children.map((node) => (node.type === "raw" ? node.value : "")).join("");
        const key = spanId.exec(raw)?.[1];
        const term = toString(child).trim();
        current = key === undefined ? undefined : { key, term, content: [], position: child.position };
        if (current) entries.push(current);
        else report(file, rule, `term "${term}" has no <span id="key">…</span>`, child.position);
      } else if (child.tagName === "dd" && current) {
        current.content.push(...child.children);
      }
    }
  }
  return entries;
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
