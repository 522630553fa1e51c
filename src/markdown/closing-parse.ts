import type { Nodes, Root } from "mdast";
import type { Point } from "unist";
import { mapPoints, type ParseDocument } from "./document-parts.js";
import { forEachNode } from "./each-node.js";
import { findRunawayFence, openingFenceOf, type MisplacedCloser } from "./fence-closers.js";
import { missingHtmlCloser } from "./html-block-closers.js";

/** Text added to the author's for parsing only, at an offset of the text as given. */
interface Insertion {
  at: number;
  text: string;
}

/** A change to the text being parsed: the characters from `from` to `to` become `text`. */
interface Edit {
  from: number;
  to: number;
  text: string;
}

/** The offset where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** The point at `offset` of the text whose line starts are `starts`. */
function pointAt(starts: number[], offset: number): Point {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1, offset };
}

/** Where `offset` of the text with `insertions` (sorted by place) stands in the text without them; inside one, where it was made. */
function withoutInsertions(insertions: Insertion[], offset: number): number {
  let moved = 0;
  for (const { at, text } of insertions) {
    const start = at + moved;
    if (offset <= start) break;
    if (offset < start + text.length) return at;
    moved += text.length;
  }
  return offset - moved;
}

/**
 * The edit that makes a misplaced closer on the line from `start` to `end`
 * close its block, keeping the line's container prefix (`> `, a list item's
 * indentation), which is what the line holds before the block's own line
 * `valueLine`: an indented closer moves to the front of its line (same
 * length, so nothing after it moves), and a closer at the end of a code line
 * goes on a line of its own after the code.
 */
function closingEdit(text: string, start: number, end: number, valueLine: string, closer: MisplacedCloser): Edit {
  const content = text.slice(start, end).trimEnd();
  const fence = /(?:`+|~+)$/.exec(content)?.[0] ?? "";
  const before = content.slice(0, content.length - fence.length);
  const ownText = valueLine.trimEnd();
  // Tabs the parser expanded can keep the line from ending with the block's own text; the closer then gets no prefix.
  const prefix = content.endsWith(ownText) ? content.slice(0, content.length - ownText.length) : "";
  if (closer.kind === "indented")
    return { from: start + prefix.length, to: start + content.length, text: fence + before.slice(prefix.length) };
  const at = start + before.length;
  return { from: at, to: at, text: `\n${prefix}` };
}

/**
 * What one round of closing found: the edits to make (in the text parsed),
 * and the closers by the opening offset of their blocks, with the offset of
 * the closer's line (both in the text as given).
 */
interface Round {
  edits: Edit[];
  closers: Map<number, { closer: MisplacedCloser; line: number }>;
}

/** Find the runaway fences of `tree` (parsed from `text`) not closed in an earlier round, and the edits that close them. */
function closeRunaways(tree: Root, text: string, insertions: Insertion[], closed: ReadonlyMap<number, unknown>): Round {
  const round: Round = { edits: [], closers: new Map() };
  let starts: number[] | undefined;
  forEachNode(tree, "code", (code) => {
    const closer = findRunawayFence(text, code);
    const opening = code.position?.start;
    if (!closer || opening?.offset === undefined) return;
    const original = withoutInsertions(insertions, opening.offset);
    // A closer that could not be moved where it closes the block is found again: it is left as it is.
    if (closed.has(original) || round.closers.has(original)) return;
    starts ??= lineStarts(text);
    const start = starts[closer.line - 1] ?? text.length;
    const end = (starts[closer.line] ?? text.length + 1) - 1;
    const valueLine = code.value.split(/\r\n|\r|\n/)[closer.line - opening.line - 1] ?? "";
    round.edits.push(closingEdit(text, start, end, valueLine, closer));
    round.closers.set(original, { closer, line: withoutInsertions(insertions, start) });
  });
  return round;
}

/**
 * The closer a block left open at the end of the author's text (the first
 * `authored` characters) needs, so that it does not take in the shared link
 * definitions appended after them: the opening fence of a fenced block that
 * runs on past them (along the tree's last children), or the closer of a
 * top-level HTML block that ends only at its closer (`<pre>`, `<!--`, …),
 * with where that block starts.
 */
function closerAtEnd(tree: Root, text: string, authored: number): { closer: string; html?: number } | undefined {
  const last = tree.children.findLast((child) => (child.position?.start.offset ?? authored) < authored);
  const start = last?.position?.start.offset;
  if (last?.type === "html" && start !== undefined) {
    const closer = missingHtmlCloser(text, start, authored);
    if (closer) return { closer, html: start };
  }
  let node: Nodes | undefined = tree.children.at(-1);
  while (node && (node.position?.end.offset ?? 0) > authored) {
    if (node.type === "code") {
      const fence = openingFenceOf(text, node);
      return fence ? { closer: fence } : undefined;
    }
    node = "children" in node ? node.children.at(-1) : undefined;
  }
  return undefined;
}

/**
 * Wrap `parse` so that blocks their authors left open are read as they
 * meant, and nothing they would take in is lost:
 *
 * - a fenced block whose closer is indented 4+ spaces or sits at the end of
 *   a code line (see `findRunawayFence`) is closed at that line, the code
 *   before the closer kept in the block, and what follows is Markdown again;
 *   a runaway block hidden inside another is found once the first is closed;
 *   the closer is recorded in `code.data.misplacedCloser` (`fence-unclosed`);
 * - a fenced block, or an HTML block that ends only at its closer (`<pre>`,
 *   `<script>`, `<!--`, …), still open at the end of the first `authored`
 *   characters is closed there, before the shared link definitions appended
 *   after them; an HTML block's closer is recorded in
 *   `html.data.missingCloser` (`html-unclosed`).
 *
 * The text is changed for parsing only: every position in the tree is one
 * in the text as given. A text with no such block is parsed once.
 */
export function closingParse(parse: ParseDocument, authored: number): ParseDocument {
  return (given, path) => {
    let text = given;
    let tree = parse(text, path);
    const insertions: Insertion[] = [];
    const closers = new Map<number, { closer: MisplacedCloser; line: number }>();
    for (;;) {
      const round = closeRunaways(tree, text, insertions, closers);
      if (round.edits.length === 0) break;
      for (const [opening, closer] of round.closers) closers.set(opening, closer);
      const added = round.edits.filter((edit) => edit.from === edit.to);
      insertions.push(...added.map((edit) => ({ at: withoutInsertions(insertions, edit.from), text: edit.text })));
      insertions.sort((a, b) => a.at - b.at);
      for (const edit of round.edits.sort((a, b) => b.from - a.from)) text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
      tree = parse(text, path);
    }
    const inserted = insertions.reduce((length, insertion) => length + insertion.text.length, 0);
    const atEnd = closerAtEnd(tree, text, authored + inserted);
    if (atEnd) {
      const end = authored + inserted;
      // On a line of its own, so that the block takes in no blank line before it.
      const closer = /[\r\n]$/.test(text.slice(0, end)) ? atEnd.closer : `\n${atEnd.closer}`;
      text = text.slice(0, end) + closer + text.slice(end);
      insertions.push({ at: authored, text: closer });
      tree = parse(text, path);
    }
    const starts = insertions.length > 0 || closers.size > 0 ? lineStarts(given) : [];
    if (insertions.length > 0) {
      mapPoints(tree, (point) => (point.offset === undefined ? point : pointAt(starts, withoutInsertions(insertions, point.offset))));
    }
    if (closers.size > 0) {
      forEachNode(tree, "code", (code) => {
        const found = closers.get(code.position?.start.offset ?? -1);
        if (found) code.data = { ...code.data, misplacedCloser: { ...found.closer, line: pointAt(starts, found.line).line } };
      });
    }
    if (atEnd?.html !== undefined) {
      const opening = withoutInsertions(insertions, atEnd.html);
      forEachNode(tree, "html", (html) => {
        if (html.position?.start.offset === opening) html.data = { ...html.data, missingCloser: atEnd.closer };
      });
    }
    return tree;
  };
}
