import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { pointAt } from "../diagnostics/source-positions.js";
import { inputLimits } from "../project/input-limits.js";

interface Fence {
  marker: string;
  length: number;
}

interface Line {
  start: number;
  /** Offset just past the line's text, before its line ending. */
  end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const ending = /\r\n|\r|\n/g;
  let start = 0;
  for (const match of text.matchAll(ending)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

const listMarker = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
const fenceLine = /^(`{3,}|~{3,})/;
const inlineMark = /[[\]*_`]/g;

/** The number of `>` markers a line starts with, and where its text after them starts. */
function quoteMarkers(line: string): { quotes: number; at: number } {
  let at = 0;
  let quotes = 0;
  for (;;) {
    while (line[at] === " " || line[at] === "\t") at += 1;
    if (line[at] !== ">") return { quotes, at };
    quotes += 1;
    at += 1;
  }
}

/** A cheap approximation of the container structure line by line: `>` markers and open list items. */
class ContainerTracker {
  private readonly items: number[] = [];

  /** The line's nesting depth and the text after its `>` markers. */
  read(line: string): { depth: number; rest: string } {
    const { quotes, at } = quoteMarkers(line);
    const rest = line.slice(at);
    if (rest === "") return { depth: quotes + this.items.length, rest };
    while ((this.items.at(-1) ?? -1) > at) this.items.pop();
    const marker = listMarker.exec(rest);
    if (marker) this.items.push(at + marker[0].length);
    return { depth: quotes + this.items.length, rest };
  }
}

/**
 * A line of `length` characters that reads as nothing and costs the parser
 * nothing: an HTML comment at the left margin (which also closes any deep
 * list or quote), or spaces when too short for one. A long line of spaces
 * would not do: inside deep lists each one costs time per level and column.
 */
function blankLine(length: number): string {
  return length >= 7 ? `<!--${" ".repeat(length - 7)}-->` : " ".repeat(length);
}

/**
 * Blank out (each line keeps its length and line ending, so positions
 * elsewhere do not move; see {@link blankLine}) the lines that would take
 * the parser out of bounded time: lines nested deeper than
 * {@link inputLimits.containerDepth}, and paragraphs holding more than
 * {@link inputLimits.inlineMarks} brackets, emphasis marks and backticks.
 * The first stretch of each kind is reported as `input-limit` on `file`
 * (when one is given), with a count of the others. Fenced code is never touched.
 * The structure is read approximately, which only matters for input that is
 * pathological anyway.
 */
export function limitMarkdownInput(text: string, file?: VFile): string {
  const lines = linesOf(text);
  const blank = new Set<number>();
  const tracker = new ContainerTracker();
  const stretches = new Map<string, { first: number; last: number }[]>();
  const leaveOut = (first: number, last: number, why: string) => {
    for (let index = first; index <= last; index += 1) blank.add(index);
    const known = stretches.get(why);
    if (known) known.push({ first, last });
    else stretches.set(why, [{ first, last }]);
  };
  let fence: Fence | undefined;
  let deep: { from: number; to: number } | undefined;
  let paragraph: { from: number; to: number; marks: number } | undefined;
  const endParagraph = () => {
    if (paragraph && paragraph.marks > inputLimits.inlineMarks) {
      leaveOut(paragraph.from, paragraph.to, `a paragraph holds more than ${inputLimits.inlineMarks} brackets or emphasis marks`);
    }
    paragraph = undefined;
  };
  const endDeep = () => {
    if (deep) leaveOut(deep.from, deep.to, `lists or block quotes are nested more than ${inputLimits.containerDepth} deep`);
    deep = undefined;
  };
  lines.forEach(({ start, end }, index) => {
    const line = text.slice(start, end);
    if (fence) {
      const inside = line.slice(quoteMarkers(line).at).trim();
      const closing = fenceLine.exec(inside)?.[1];
      if (closing?.[0] === fence.marker && closing.length >= fence.length && inside === closing) fence = undefined;
      return;
    }
    const { depth, rest } = tracker.read(line);
    const content = rest.trim();
    // A blank line ends a paragraph but not a stretch of deep nesting, which lists may interrupt with blank lines.
    if (content === "") return endParagraph();
    if (depth > inputLimits.containerDepth) {
      endParagraph();
      deep = { from: deep?.from ?? index, to: index };
      return;
    }
    endDeep();
    const opening = fenceLine.exec(content)?.[1];
    if (opening) {
      endParagraph();
      fence = { marker: opening[0] ?? "`", length: opening.length };
      return;
    }
    const tableRow = content.startsWith("|");
    if (tableRow) endParagraph();
    paragraph ??= { from: index, to: index, marks: 0 };
    paragraph.to = index;
    paragraph.marks += content.match(inlineMark)?.length ?? 0;
    if (tableRow) endParagraph();
  });
  endParagraph();
  endDeep();
  if (blank.size === 0) return text;
  for (const [why, [first, ...others]] of stretches) {
    if (!file || !first) continue;
    const more = others.length === 0 ? "" : ` (and ${others.length} more stretch${others.length === 1 ? "" : "es"} further on)`;
    const where = first.first === first.last ? `line ${first.first + 1} is` : `lines ${first.first + 1}–${first.last + 1} are`;
    report(file, "input-limit", `${why}; ${where} left out${more}`, pointAt(file, lines[first.first]?.start ?? 0));
  }
  return lines
    .map(({ start, end }, index) => {
      const next = lines[index + 1]?.start ?? text.length;
      const content = blank.has(index) ? blankLine(end - start) : text.slice(start, end);
      return content + text.slice(end, next);
    })
    .join("");
}

/**
 * Cut the syntax tree below {@link inputLimits.treeDepth} levels, reporting
 * `input-limit` once at the first cut, so that no later step (all of which
 * recurse) can run out of stack. Walks the tree without recursion.
 */
export function treeDepthTransform(tree: Root, file: VFile): void {
  const stack: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }];
  let reported = false;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: tree, depth: 0 };
    if (!("children" in node)) continue;
    if (depth >= inputLimits.treeDepth) {
      if (!reported)
        report(file, "input-limit", `Markdown is nested more than ${inputLimits.treeDepth} levels deep; the rest is left out`, node);
      reported = true;
      node.children = [];
      continue;
    }
    // Most nodes are text: leaves have nothing to cut, so they are not stacked.
    for (const child of node.children) if ("children" in child) stack.push({ node: child, depth: depth + 1 });
  }
}

/** Unified plugin for {@link treeDepthTransform}. */
export default function remarkTreeDepthLimit() {
  return treeDepthTransform;
}
