/** Why astrocite-bibtex: it is small (two tiny dependencies) and typed, and its AST gives every entry a line and column and every LaTeX accent and command as a node, so this module only maps nodes to Unicode and hast (`latex.ts`) and fields to a reference (`format.ts`). */
import { AST as bibtexSyntax } from "astrocite-bibtex";
import type { Children, Entry, ValueType } from "astrocite-bibtex";
import type { ElementContent } from "hast";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { report } from "../../diagnostics/report.js";
import { pointAt } from "../../diagnostics/source-positions.js";
import { byKey, uniqueByKey } from "../keyed-definitions.js";
import { Reference } from "./format.js";
import { inline, text, trim, type Context, type Piece } from "./latex.js";

/** One entry of `bibliography.bib`, formatted for the bibliography page. */
export interface BibliographyEntry {
  key: string;
  position: Position | undefined;
  /** the formatted reference as hast inline content */
  content: ElementContent[];
}

/** The part of a peg.js syntax error this module reads. */
interface PegSyntaxError {
  found: string | null;
  expected: { type: string; text?: string }[] | null;
  location: { start: { offset: number } };
}

const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Parse `file` (a VFile whose value is the text of bibliography.bib; its path is relative to the project root) into entries sorted by key.
 *
 * `@book{Stoneman2020, author = {Elton Stoneman}, title = {Docker in a Month of Lunches}, publisher = {Manning}, year = {2020}}`
 * becomes `Elton Stoneman: <em>Docker in a Month of Lunches</em>. Manning, 2020.`
 * Syntax errors, keys defined twice and entries with neither author, editor nor title
 * are reported on `file`; every entry that can be read is returned.
 */
export function parseBibtex(file: VFile): BibliographyEntry[] {
  const macros = new Map<string, ElementContent[]>(months.map((month) => [month.slice(0, 3).toLowerCase(), [text(month)]]));
  const entries: BibliographyEntry[] = [];
  for (const { node, piece } of parseNodes(file)) {
    if (node.kind === "StringExpression") {
      const context: Context = { file, piece, macros, place: positionOf(file, piece, node), label: `@string "${node.key}"` };
      macros.set(node.key.toLowerCase(), trim(inline(values(node.value), context)));
    } else if (node.kind === "Entry") {
      const entry = readEntry(node, file, piece, macros);
      if (entry) entries.push(entry);
    }
  }
  return uniqueByKey(entries, file, "bib-duplicate", "bibliography").sort(byKey);
}

/** Parse the whole file; after a syntax error, parse it entry by entry so one broken entry does not hide the rest. */
function parseNodes(file: VFile): { node: Children; piece: Piece }[] {
  const whole: Piece = { text: String(file.value), offset: 0 };
  const result = tryParse(whole);
  if (!("error" in result)) return result.children.map((node) => ({ node, piece: whole }));
  const nodes: { node: Children; piece: Piece }[] = [];
  for (const piece of splitAtEntries(whole.text)) {
    const parsed = tryParse(piece);
    if ("error" in parsed) reportSyntaxError(file, piece, parsed.error);
    else nodes.push(...parsed.children.map((node) => ({ node, piece })));
  }
  return nodes;
}

function tryParse(piece: Piece): { children: Children[] } | { error: unknown } {
  try {
    return { children: bibtexSyntax.parse(piece.text).children };
  } catch (error) {
    return { error };
  }
}

/** Cut the text before every `@` that starts a line. */
function splitAtEntries(text: string): Piece[] {
  const starts = [0, ...[...text.matchAll(/^[ \t]*@/gm)].map((match) => match.index)];
  return starts
    .map((start, index) => ({ text: text.slice(start, starts[index + 1] ?? text.length), offset: start }))
    .filter((piece) => piece.text.trim() !== "");
}

function isPegSyntaxError(error: unknown): error is PegSyntaxError {
  return error instanceof Error && error.name === "SyntaxError" && typeof (error as { location?: unknown }).location === "object";
}

function reportSyntaxError(file: VFile, piece: Piece, error: unknown): void {
  const leading = piece.text.length - piece.text.trimStart().length;
  const start = pointAt(file, piece.offset + leading);
  const key = /^\s*@\s*[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)/.exec(piece.text)?.[1];
  const entry = key === undefined ? "bibliography entry" : `bibliography entry "${key}"`;
  if (!isPegSyntaxError(error)) {
    report(file, "bib-entry", `cannot read ${entry}: ${error instanceof Error ? error.message : String(error)}`, start);
  } else if (error.found === null) {
    report(file, "bib-entry", `${entry} ends before it is complete (is a "}" missing?)`, start);
  } else {
    const literals = [
      ...new Set(
        (error.expected ?? []).flatMap((item) => (item.type === "literal" && item.text && item.text !== "%" ? [`"${item.text}"`] : [])),
      ),
    ];
    const expected = literals.length
      ? `, expected ${literals.slice(0, -1).join(", ")}${literals.length > 1 ? " or " : ""}${literals.at(-1)}`
      : "";
    const offset = piece.offset + error.location.start.offset;
    report(file, "bib-entry", `cannot read ${entry}: unexpected "${error.found}"${expected}`, {
      start: pointAt(file, offset),
      end: pointAt(file, offset + error.found.length),
    });
  }
}

/** Where a parsed node is in the file, without the whitespace the parser counts after it. */
function positionOf(file: VFile, piece: Piece, node: Children): Position {
  const start = piece.offset + node.loc.start.offset;
  let end = piece.offset + node.loc.end.offset;
  const text = String(file.value);
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: pointAt(file, start), end: pointAt(file, end) };
}

/** A field's value as a list (the parser gives a lone number as a bare node). */
function values(value: ValueType[] | ValueType): ValueType[] {
  return Array.isArray(value) ? value : [value];
}

function readEntry(node: Entry, file: VFile, piece: Piece, macros: Map<string, ElementContent[]>): BibliographyEntry | undefined {
  const position = positionOf(file, piece, node);
  if (node.id === "") {
    report(file, "bib-entry", `bibliography entry @${node.type} has no key`, position);
    return undefined;
  }
  const fields = new Map<string, ValueType[]>();
  for (const property of node.properties) {
    const name = property.key.toLowerCase();
    if (!fields.has(name)) fields.set(name, values(property.value));
  }
  const context: Context = { file, piece, macros, place: position, label: `bibliography entry "${node.id}"` };
  const reference = new Reference(node.type, fields, context);
  if (!reference.names("author") && !reference.names("editor") && !reference.field("title")) {
    report(file, "bib-entry", `bibliography entry "${node.id}" has neither author, editor nor title`, position);
  }
  const content = reference.format();
  return { key: node.id, position, content: content.length ? content : [text(node.id)] };
}
