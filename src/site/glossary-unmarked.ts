import type { ElementContent, RootContent } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import type { Position } from "unist";
import { spanKey, termContentOf, type DefinitionEntry } from "./keyed-definitions.js";

/**
 * Glossary entries written without the `:   ` marker before their
 * definition, as older courses have them:
 *
 * ```markdown
 * <span id="closure">closure</span>
 *     A function that keeps the variables of the scope it was made in.
 * ```
 *
 * CommonMark reads such an entry as part of a paragraph: one of its own, the
 * definition before it (when no blank line separates them), or, when the
 * next entry has its marker, a run of definition-list terms. These
 * functions find the entry in each.
 */

/** An entry found without its marker: its key, term and definition, and where its span starts. */
export interface UnmarkedEntry {
  key: string;
  term: string;
  /** The term as written, inline code and all. */
  termContent: ElementContent[];
  definition: ElementContent[];
  position: Position | undefined;
}

type Inline = ElementContent | RootContent;

const closingSpan = /^<\/span\s*>$/i;

/** Whether an entry starts at `index`: a `<span id>` at the start of a line, closed on that line, with text on the next. */
function startsEntry(nodes: Inline[], index: number): boolean {
  const node = nodes[index];
  if (node?.type !== "raw" || !/^<span[\s>]/i.test(node.value) || spanKey(node.value) === undefined) return false;
  const previous = nodes[index - 1];
  if (index > 0 && !(previous?.type === "text" && /\n[ \t]*$/.test(previous.value))) return false;
  const close = nodes.findIndex((child, at) => at > index && child.type === "raw" && closingSpan.test(child.value));
  const after = nodes[close + 1];
  return close > index && after?.type === "text" && /^[ \t]*\r?\n/.test(after.value);
}

/** The nodes with the first text's leading and the last text's trailing white space removed. */
export function trimmed(nodes: Inline[]): ElementContent[] {
  const content = nodes.filter((node): node is ElementContent => node.type !== "doctype");
  const first = content[0];
  const start = first?.type === "text" ? [{ ...first, value: first.value.trimStart() }] : first ? [first] : [];
  const result = [...start, ...content.slice(1)];
  const last = result.at(-1);
  if (last?.type === "text") result[result.length - 1] = { ...last, value: last.value.trimEnd() };
  return result;
}

function entryAt(chunk: Inline[]): UnmarkedEntry | undefined {
  const open = chunk[0];
  const key = open?.type === "raw" ? spanKey(open.value) : undefined;
  const close = chunk.findIndex((child) => child.type === "raw" && closingSpan.test(child.value));
  const definition = trimmed(chunk.slice(close + 1));
  if (key === undefined || toString(h(null, definition)).trim() === "") return undefined;
  const termContent = termContentOf(trimmed(chunk.slice(1, close)));
  const term = toString(h(null, termContent)).trim();
  return { key, term, termContent, definition, position: open?.position };
}

/**
 * Split a run of inline content where entries without a marker start: what
 * comes before the first stays where it is (`before`); each entry runs to
 * the next one.
 */
export function splitUnmarked(nodes: Inline[]): { before: Inline[]; entries: UnmarkedEntry[] } {
  const starts = nodes.flatMap((_, index) => (startsEntry(nodes, index) ? [index] : []));
  const [first] = starts;
  if (first === undefined) return { before: nodes, entries: [] };
  const entries = starts.flatMap((start, at) => entryAt(nodes.slice(start, starts[at + 1] ?? nodes.length)) ?? []);
  return { before: first === 0 ? [] : trimmed(nodes.slice(0, first)), entries };
}

/**
 * Entries without a marker in a definition's content: in its paragraphs
 * (a loose list) or in the content itself (a tight one). The content keeps
 * what comes before the first.
 */
export function splitDefinition(content: ElementContent[]): { content: ElementContent[]; entries: UnmarkedEntry[] } {
  const entries: UnmarkedEntry[] = [];
  const split = (nodes: Inline[]) => {
    const { before, entries: found } = splitUnmarked(nodes);
    entries.push(...found);
    return before as ElementContent[];
  };
  if (!content.some((node) => node.type === "element" && node.tagName === "p")) return { content: split(content), entries };
  const kept = content.map((node) =>
    node.type === "element" && node.tagName === "p" ? { ...node, children: split(node.children) } : node,
  );
  return { content: kept, entries };
}

/**
 * A term with a key followed, before any definition, by terms without one
 * and then by another keyed term or the list's end: to a reader, those
 * "terms" are the first one's definition lines, written without `:   `.
 * Returns the entries with each such run folded into its keyed term.
 */
export function foldDefinitionLines(entries: (DefinitionEntry & { list: number })[]): {
  entries: DefinitionEntry[];
  unmarked: UnmarkedEntry[];
} {
  const kept: DefinitionEntry[] = [];
  const unmarked: UnmarkedEntry[] = [];
  for (let at = 0; at < entries.length; at += 1) {
    const entry = entries[at];
    if (!entry) continue;
    let end = at + 1;
    while (entries[end]?.key === undefined && entries[end]?.content.length === 0 && entries[end]?.list === entry.list) end += 1;
    const next = entries[end];
    const closes = next === undefined || next.list !== entry.list || next.key !== undefined;
    if (entry.key === undefined || entry.content.length > 0 || end === at + 1 || !closes) {
      kept.push(entry);
      continue;
    }
    const lines = entries.slice(at + 1, end).map(({ term }) => term);
    const definition: ElementContent[] = [{ type: "text", value: lines.join("\n") }];
    unmarked.push({ key: entry.key, term: entry.term, termContent: entry.termContent, definition, position: entry.position });
    at = end - 1;
  }
  return { entries: kept, unmarked };
}
