import GithubSlugger from "github-slugger";
import type { ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import type { Position } from "unist";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { yamlReason } from "../project/yaml-reason.js";
import { foldDefinitionLines, splitDefinition, splitUnmarked, trimmed } from "./glossary-unmarked.js";
import { byKey, readDefinitionLists, uniqueByKey } from "./keyed-definitions.js";

/** One glossary entry: a key, the term shown, and its definition as HTML trees. */
export interface GlossaryEntry {
  key: string;
  /** The term as plain text, for tooltips, messages and the order of entries. */
  term: string;
  /** The term as written, inline code and all, where a page shows it. */
  termContent: ElementContent[];
  /** The definition as blocks: a definition written on the term's lines is a paragraph. */
  definition: ElementContent[];
  position: Position | undefined;
  /** The term had no `<span id="key">`, so its key was made from its text: no lesson is expected to link it. */
  keyMade?: boolean;
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

/** A key for a term written without a span, made from its text and unlike every key in `taken`. */
function keyFromTerm(term: string, taken: Set<string>): string {
  const base = new GithubSlugger().slug(term) || "term";
  let key = base;
  for (let suffix = 1; taken.has(key); suffix += 1) key = `${base}-${suffix}`;
  taken.add(key);
  return key;
}

/** Elements that are blocks of their own in a definition; anything else is inline content, which a paragraph holds. */
const blockTags = new Set([
  ...["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer", "form"],
  ...["h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"],
]);

function isBlock(node: ElementContent): boolean {
  return node.type === "element" && blockTags.has(node.tagName);
}

/**
 * A definition as blocks: each run of inline content becomes a paragraph.
 * A definition list without blank lines leaves its definitions as bare
 * text, so without this a one-line definition (`:   FIXME`) would show
 * differently from one that has a paragraph.
 */
function definitionBlocks(content: ElementContent[]): ElementContent[] {
  const blocks: ElementContent[] = [];
  let inline: ElementContent[] = [];
  const close = () => {
    const hasContent = toString(h(null, inline)).trim() !== "" || inline.some((node) => node.type === "element");
    blocks.push(...(hasContent ? [h("p", trimmed(inline))] : inline));
    inline = [];
  };
  for (const node of content) {
    if (!isBlock(node)) {
      inline.push(node);
      continue;
    }
    close();
    blocks.push(node);
  }
  close();
  return blocks;
}

/** A term given as plain text (a Glosario `term:`), with its `` `code` `` spans as inline code, as Markdown would read them. */
export function termFromText(text: string): ElementContent[] {
  return text
    .split(/`([^`]+)`/)
    .flatMap((part, at): ElementContent[] => (at % 2 === 1 ? [h("code", part)] : part ? [{ type: "text", value: part }] : []));
}

/** A "see also" definition: nothing but a pointer to other entries (`See [asynchronous](g:async)`). */
function isSeeAlso(definition: ElementContent[]): boolean {
  return /^see\b/i.test(toString(h(null, definition)).trim());
}

/**
 * Glossary entries from a rendered `glossary.md`: definition lists whose
 * terms are `<span id="key">term</span>`. Two forms the older layout
 * tolerated are read too: a term without a span (`` `async` (keyword) ``
 * then `:   See […](g:asynchronous)`) is listed under a key made from its
 * text, with a `glossary-term-key` warning unless it is a "see also" entry;
 * and `<span id="key">term</span>` followed by an indented definition with
 * no `:   ` marker defines its key, with one `glossary-marker` warning at
 * the term (see `glossary-unmarked.ts` for where CommonMark puts it).
 */
export function glossaryFromHtml(tree: Root, file: VFile): GlossaryEntry[] {
  const folded = foldDefinitionLines(readDefinitionLists(tree));
  const unmarked = [...folded.unmarked];
  const listed = folded.entries.map((entry) => {
    const { content, entries } = splitDefinition(entry.content);
    unmarked.push(...entries);
    return { ...entry, content };
  });
  for (const node of tree.children)
    if (node.type === "element" && node.tagName === "p") unmarked.push(...splitUnmarked(node.children).entries);
  for (const entry of unmarked) {
    const reason = `glossary entry "${entry.key}" has no ":   " marker before its definition; it is defined anyway (start the definition with ":   ")`;
    report(file, "glossary-marker", reason, entry.position?.start);
  }
  const taken = new Set([...listed.flatMap(({ key }) => (key === undefined ? [] : [key])), ...unmarked.map(({ key }) => key)]);
  const entries = listed.map(({ key, term, termContent, content, position }): GlossaryEntry => {
    const definition = definitionBlocks(content);
    if (key !== undefined) return { key, term, termContent, definition, position };
    const made = keyFromTerm(term, taken);
    if (!isSeeAlso(content)) {
      const reason = `term "${term}" has no <span id="key">…</span>; it is listed, and lessons can link it as g:${made}`;
      report(file, "glossary-term-key", reason, position);
    }
    return { key: made, term, termContent, definition, position, keyMade: true };
  });
  const found = unmarked.map(({ key, term, termContent, definition, position }): GlossaryEntry => ({
    key,
    term,
    termContent,
    definition: definitionBlocks(definition),
    position,
  }));
  return [...entries, ...found].sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
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

/** A term's letters and digits, with the words between them: what it is sorted and grouped by (`"async"` → `async`). */
function sortText(term: string): string {
  return term
    .normalize("NFD")
    .replace(/[^\p{L}\p{N}\s]+/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * The order of glossary entries: by the letters of their terms, ignoring
 * case, accents, quotes, backticks and other punctuation; terms alike that
 * way by key (see {@link byKey}), so that the order never depends on the file's.
 */
export function glossaryOrder(a: { term: string; key: string }, b: { term: string; key: string }): number {
  return collator.compare(sortText(a.term), sortText(b.term)) || byKey(a, b);
}

/** The letter a glossary page lists a term under: its first letter or digit, capital and without accents; `#` if it has none. */
export function glossaryLetter(term: string): string {
  return sortText(term).charAt(0).toUpperCase() || "#";
}

/** Report keys defined twice (keeping the first) and return the rest in {@link glossaryOrder}. */
export function checkGlossary(entries: GlossaryEntry[], file: VFile): GlossaryEntry[] {
  return uniqueByKey(entries, file, "glossary-duplicate", "glossary").sort(glossaryOrder);
}
