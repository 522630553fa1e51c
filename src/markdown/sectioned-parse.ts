import type { Definition, Root, RootContent } from "mdast";
import { normalizeIdentifier } from "micromark-util-normalize-identifier";
import { blankLineBefore, hasDefinition, isBlankLine, lineCount, type ParseText, shift, shiftPoint } from "./document-parts.js";

/**
 * Parsing a lesson section by section: micromark reads a long document
 * markedly slower per character than its parts one at a time (its event
 * lists grow, and live long enough to be copied by the garbage collector),
 * so a lesson is cut where nothing before the cut changes how what follows
 * it parses, each part is parsed alone, and the trees are put together with
 * their positions moved to where each part stands. The result is the tree
 * the whole text gives; where that cannot be shown from the parts, the
 * whole text is parsed instead.
 */

/** A top-level ATX heading's line: one to six `#`, then a space, a tab or the line's end. */
const atxHeading = /#{1,6}(?:[ \t\r\n]|$)/y;

/** A line that starts a link definition with its destination on the same line. */
const definitionStart = /\[[^\]\n]+\]:[ \t]*\S/y;

/** Where a text may be cut, as offsets of line starts. */
interface Cuts {
  /** Lines starting an unindented ATX heading after a blank line, past the text's first non-blank character. */
  headings: number[];
  /** The start of the run of link definitions (and blank lines) that ends the text, after a blank line. */
  definitions: number | undefined;
}

function cutsOf(text: string): Cuts {
  const headings: number[] = [];
  const firstContent = text.search(/\S/);
  let definitions: number | undefined;
  for (let at = text.indexOf("\n") + 1; at > 0 && at < text.length; at = text.indexOf("\n", at) + 1) {
    if (isBlankLine(text, at)) continue;
    const afterBlank = at > firstContent && blankLineBefore(text, at) !== undefined;
    definitionStart.lastIndex = at;
    atxHeading.lastIndex = at;
    if (definitionStart.test(text)) {
      if (definitions === undefined && afterBlank) definitions = at;
    } else {
      definitions = undefined;
      if (afterBlank && atxHeading.test(text)) headings.push(at);
    }
  }
  return { headings, definitions };
}

/** A definition the parts may need, by the key micromark matches references with. */
interface KnownDefinition {
  key: string;
  source: string;
}

/** The line starting at `at`, without its line feed. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf("\n", at);
  return text.slice(at, end === -1 ? text.length : end);
}

/** The source of every definition a reference in `partText` could match, a line each. */
function neededDefinitions(partText: string, known: readonly KnownDefinition[]): string {
  const key = normalizeIdentifier(partText);
  return known
    .filter((definition) => key.includes(definition.key))
    .map((definition) => `${definition.source}\n`)
    .join("");
}

/**
 * The part of `text` from `start` to `end` parsed alone, followed by the
 * first line after it (so that the cut is tested as the whole text meets
 * it) and by the definitions it could refer to; `own` are the nodes that
 * start in the part. Undefined if one of them runs on past the part's end:
 * a block that takes the next line in (an unclosed fence or raw HTML, say),
 * so the cut at `end` is no boundary.
 */
function parsePart(text: string, start: number, end: number, known: readonly KnownDefinition[], parse: ParseText) {
  const partText = text.slice(start, end);
  const tree = parse(end === text.length ? partText : `${partText}${lineAt(text, end)}\n${neededDefinitions(partText, known)}`);
  const own = tree.children.filter((node) => (node.position?.start.offset ?? 0) < partText.length);
  return own.some((node) => (node.position?.end.offset ?? Infinity) > partText.length) ? undefined : { tree, own };
}

/**
 * The tree of `text` from its parts, or undefined where a definition
 * stands among the sections (a reference in another part might need it) or
 * the last section runs on into the definitions that end the text. A cut
 * that a part runs on past is dropped, and the part parsed again up to the
 * next one; parts parsed again may add up to the text's length, after
 * which the whole text is parsed (so a fence left open above many lines
 * that look like headings costs at most three parses, not one per line).
 */
function parseParts(text: string, parse: ParseText): Root | undefined {
  const { headings, definitions: definitionsAt } = cutsOf(text);
  if (headings.length === 0) return undefined;
  const end = definitionsAt ?? text.length;
  const definitionTree = definitionsAt === undefined ? undefined : parse(text.slice(definitionsAt));
  const definitionNodes = definitionTree?.children ?? [];
  if (!definitionNodes.every((node): node is Definition => node.type === "definition")) return undefined;
  const known: KnownDefinition[] = definitionNodes.map((node) => ({
    key: normalizeIdentifier(node.label ?? node.identifier),
    source: text.slice((node.position?.start.offset ?? 0) + (definitionsAt ?? 0), (node.position?.end.offset ?? 0) + (definitionsAt ?? 0)),
  }));
  const starts = [0, ...headings];
  const children: RootContent[] = [];
  let first: Root | undefined;
  let last: { tree: Root; lines: number; offset: number } | undefined;
  let lines = 0;
  let previous = 0;
  let budget = text.length;
  for (let index = 0; index < starts.length;) {
    const start = starts[index] ?? 0;
    let next = index + 1;
    let part = parsePart(text, start, starts[next] ?? end, known, parse);
    while (!part) {
      next += 1;
      budget -= (starts[next] ?? end) - start;
      if (next > starts.length || budget < 0) return undefined;
      part = parsePart(text, start, starts[next] ?? end, known, parse);
    }
    if (hasDefinition(part.own)) return undefined;
    lines += lineCount(text, previous, start);
    for (const node of part.own) shift(node, lines, start);
    children.push(...part.own);
    first ??= part.tree;
    last = { tree: part.tree, lines, offset: start };
    previous = start;
    index = next;
  }
  if (definitionTree && definitionsAt !== undefined) {
    lines += lineCount(text, previous, definitionsAt);
    for (const node of definitionNodes) shift(node, lines, definitionsAt);
    children.push(...definitionNodes);
    last = { tree: definitionTree, lines, offset: definitionsAt };
  }
  const start = first?.position?.start;
  const lastEnd = last?.tree.position?.end;
  if (!last || !start || !lastEnd) return undefined;
  return { type: "root", children, position: { start, end: shiftPoint(lastEnd, last.lines, last.offset) } };
}

/**
 * A {@link ParseText} that gives the tree `parse` gives for the whole text,
 * reading a document in parts: cut before each unindented top-level ATX
 * heading that follows a blank line (such a line closes every container and
 * leaf block above it, unless a fence or raw HTML swallows it, which the
 * part before it then shows by running on), and before the link
 * definitions that end it (the shared links). Each part is parsed with the
 * definitions its text could refer to appended, as micromark only makes a
 * reference of a label that is defined somewhere in the document.
 */
export function createSectionedParser(parse: ParseText): ParseText {
  return (text) => parseParts(text, parse) ?? parse(text);
}
