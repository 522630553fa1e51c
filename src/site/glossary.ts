import type { ElementContent, Root } from "hast";
import type { Position } from "unist";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { yamlReason } from "../project/yaml-reason.js";
import { readKeyedDefinitions, uniqueByKey } from "./keyed-definitions.js";

/** One glossary entry: a key, the term shown, and its definition as HTML trees. */
export interface GlossaryEntry {
  key: string;
  term: string;
  definition: ElementContent[];
  position: Position | undefined;
}

/** A definition written in Markdown, before it is turned into HTML. */
export interface GlossarySource {
  key: string;
  term: string;
  markdown: string;
  position: Position | undefined;
  /** Where the Markdown definition is written in the file. */
  definitionPosition: Position | undefined;
}

/**
 * Glossary entries from a rendered `glossary.md`: definition lists whose
 * terms are `<span id="key">term</span>`.
 */
export function glossaryFromHtml(tree: Root, file: VFile): GlossaryEntry[] {
  return readKeyedDefinitions(tree, file, "glossary-entry").map(({ key, term, content, position }) => ({
    key,
    term,
    definition: content,
    position,
  }));
}

/** A Glosario entry's parts as JavaScript values, with the YAML nodes they came from. */
interface YamlEntry {
  record: Record<string, unknown>;
  item: unknown;
  keyNode: YamlNode | undefined;
  defNode: YamlNode | undefined;
}

function child(node: unknown, key: string): YamlNode | undefined {
  return isMap(node) ? (node.get(key, true) as YamlNode | undefined) : undefined;
}

function spanOf(node: YamlNode | undefined, lineCounter: LineCounter): Position | undefined {
  const range = node?.range;
  if (!range) return undefined;
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(range[1]);
  return { start: { line: start.line, column: start.col, offset: range[0] }, end: { line: end.line, column: end.col, offset: range[1] } };
}

/**
 * Read entries from a Glosario-style `glossary.yml`: a list of
 * `{ key (or slug), en: { term, def } }`; definitions are Markdown.
 * Each entry's position is its key; `definitionPosition` is its `def` value.
 */
export function glossaryFromYaml(file: VFile): GlossarySource[] {
  const text = String(file.value);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const [error] = document.errors;
  if (error) {
    const [at] = error.linePos ?? [];
    const place = at ? { line: at.line, column: at.col } : undefined;
    report(file, "glossary-entry", `glossary is not valid YAML: ${yamlReason(error.message)}`, place);
    return [];
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // `yaml` refuses aliases that would expand without bound ("billion laughs").
    report(file, "glossary-entry", `glossary cannot be read: ${(error as Error).message.split("\n")[0] ?? ""}`, { line: 1, column: 1 });
    return [];
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data) || !isSeq(document.contents)) {
    report(file, "glossary-entry", "glossary.yml must be a list of entries (- key: … en: {term, def})", { line: 1, column: 1 });
    return [];
  }
  const items = document.contents.items;
  const entries: YamlEntry[] = (data as unknown[]).map((item, index) => {
    const node = items[index];
    const en = child(node, "en");
    return {
      record: (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>,
      item,
      keyNode: child(node, "key") ?? child(node, "slug") ?? (node as YamlNode | undefined),
      defNode: child(en, "def"),
    };
  });
  const sources: GlossarySource[] = [];
  for (const { record, item, keyNode, defNode } of entries) {
    const key = record.key ?? record.slug;
    const en = (typeof record.en === "object" && record.en !== null ? record.en : {}) as Record<string, unknown>;
    const position = spanOf(keyNode, lineCounter);
    if (typeof key !== "string" || typeof en.term !== "string" || typeof en.def !== "string") {
      report(file, "glossary-entry", `glossary entry ${JSON.stringify(key ?? item)} needs key, en.term and en.def`, position);
      continue;
    }
    sources.push({ key, term: en.term, markdown: en.def, position, definitionPosition: spanOf(defNode, lineCounter) });
  }
  return sources;
}

/** Report keys defined twice (keeping the first) and return the rest sorted by term. */
export function checkGlossary(entries: GlossaryEntry[], file: VFile): GlossaryEntry[] {
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  return uniqueByKey(entries, file, "glossary-duplicate", "glossary").sort(
    (a, b) => collator.compare(a.term, b.term) || collator.compare(a.key, b.key),
  );
}
