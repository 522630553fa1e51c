import type { Nodes, Root } from "mdast";
import type { Point } from "unist";

/**
 * What the parsers that read a document in parts share: where a part may
 * start, and how a part's tree is moved to where the part stands in the
 * whole text. A part parsed alone gives positions from its own start.
 */

/** Parses a document's whole text into a fresh tree (a unified processor's `parse`). */
export type ParseText = (text: string) => Root;

/**
 * Parses a document's text into a fresh tree, which the caller may change;
 * also told the document's path, so a parser may keep what it read of it
 * (a {@link ParseText} is one that has no use for it).
 */
export type ParseDocument = (text: string, path: string) => Root;

/** Whether the line starting at `at` is blank as CommonMark counts it: nothing but spaces and tabs. */
export function isBlankLine(text: string, at: number): boolean {
  let end = at;
  while (text[end] === " " || text[end] === "\t") end += 1;
  return end === text.length || text[end] === "\n" || (text[end] === "\r" && text[end + 1] === "\n");
}

/** The offset where the line before the line starting at `lineStart` starts, if that line is blank. */
export function blankLineBefore(text: string, lineStart: number): number | undefined {
  if (lineStart < 2 || text[lineStart - 1] !== "\n") return undefined;
  const previous = text.lastIndexOf("\n", lineStart - 2) + 1;
  return isBlankLine(text, previous) ? previous : undefined;
}

/** How many line endings (`\n`, `\r\n` or a lone `\r`, as CommonMark counts them) `text` has from `start` up to `end`. */
export function lineCount(text: string, start: number, end: number): number {
  let lines = 0;
  for (let at = start; at < end; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) lines += 1;
  }
  return lines;
}

/** Whether a link definition is among `nodes` or anywhere inside them. */
export function hasDefinition(nodes: readonly Nodes[]): boolean {
  return nodes.some((node) => node.type === "definition" || ("children" in node && hasDefinition(node.children)));
}

export function shiftPoint(point: Point, lines: number, offset: number): Point {
  return { line: point.line + lines, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset };
}

/** Move `node` and everything in it by `lines` lines and `offset` characters (with the line starts a shortcode records). */
export function shift(node: Nodes, lines: number, offset: number): void {
  mapPoints(node, (point) => shiftPoint(point, lines, offset));
}

/** Replace every point of `node` and everything in it (with the line starts a shortcode records) by what `map` gives. */
export function mapPoints(node: Nodes, map: (point: Point) => Point): void {
  if (node.type === "shortcode" && node.data?.bodyLineStarts) node.data.bodyLineStarts = node.data.bodyLineStarts.map(map);
  if (node.position) node.position = { start: map(node.position.start), end: map(node.position.end) };
  if ("children" in node) for (const child of node.children) mapPoints(child, map);
}
