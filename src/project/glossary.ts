import type { ElementContent, Root } from "hast";
import type { Position } from "unist";
import { parse as parseYaml } from "yaml";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
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

function lineOf(text: string, needle: string): Position | undefined {
  const index = text.indexOf(needle);
  if (index < 0) return undefined;
  const line = text.slice(0, index).split("\n").length;
  return { start: { line, column: 1 }, end: { line, column: 1 + needle.length } };
}

/**
 * Read entries from a Glosario-style `glossary.yml`: a list of
 * `{ key (or slug), en: { term, def } }`; definitions are Markdown.
 */
export function glossaryFromYaml(file: VFile): GlossarySource[] {
  const text = String(file.value);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    report(
      file,
      "glossary-entry",
      `glossary is not valid YAML: ${(error as Error).message.split("\n")[0]}`,
      line ? { line: line.line, column: line.col } : undefined,
    );
    return [];
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) {
    report(file, "glossary-entry", "glossary.yml must be a list of entries (- key: … en: {term, def})");
    return [];
  }
  const sources: GlossarySource[] = [];
  for (const item of data as unknown[]) {
    const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const key = record.key ?? record.slug;
    const en = (typeof record.en === "object" && record.en !== null ? record.en : {}) as Record<string, unknown>;
    const position = typeof key === "string" ? lineOf(text, key) : undefined;
    if (typeof key !== "string" || typeof en.term !== "string" || typeof en.def !== "string") {
      report(file, "glossary-entry", `glossary entry ${JSON.stringify(key ?? item)} needs key, en.term and en.def`, position);
      continue;
    }
    sources.push({ key, term: en.term, markdown: en.def, position });
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
