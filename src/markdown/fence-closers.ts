import type { Code, Root } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { dataFileName } from "./data-file.js";
import { forEachNode } from "./each-node.js";

/** A line inside a fenced block that was meant to close it but, by CommonMark, does not. */
export interface MisplacedCloser {
  /** The line (1-based, in the file) of the would-be closer. */
  line: number;
  /** Indented too far (`    ```` `), or written at the end of a code line (`print(x)```` `). */
  kind: "indented" | "end-of-line";
  /** Spaces before the would-be closer, for `indented`. */
  indent: number;
}

const openingFence = /^(`{3,}|~{3,})/;
/** A line a reader takes for the start of more Markdown: a fence with an info string, or an ATX heading. */
const looksLikeMarkdown = /^ {0,3}(?:(?:`{3,}|~{3,})\s*\S|#{1,6}(?:[ \t]|$))/;

/** The character a fence is made of. */
function fenceChar(fence: string): string {
  return fence[0] === "`" ? "`" : "~";
}

/** The opening fence of `code` as written (e.g. "````"), or undefined for an indented code block. */
export function openingFenceOf(text: string, code: Code): string | undefined {
  const start = code.position?.start.offset;
  if (start === undefined) return undefined;
  return openingFence.exec(text.slice(start, start + 200))?.[1];
}

/** A would-be closer on `line` of a block fenced with `fence`, or undefined. */
function misplacedCloser(line: string, fence: string): Omit<MisplacedCloser, "line"> | undefined {
  const trimmed = line.trimEnd();
  const char = fenceChar(fence);
  if (!trimmed.endsWith(char.repeat(fence.length))) return undefined;
  const content = trimmed.replace(new RegExp(`${char}+$`), "");
  const indent = /^[ \t]*/.exec(content)?.[0] ?? "";
  if (content === indent) {
    const width = indent.replace(/\t/g, "    ").length;
    return width >= 4 ? { kind: "indented", indent: width } : undefined;
  }
  // A line that starts with a fence (```python in a ```` block) is an opener, not a closer.
  return trimmed.trimStart().startsWith(char.repeat(3)) ? undefined : { kind: "end-of-line", indent: 0 };
}

/**
 * Find the closer a fenced block was meant to end at, when the block runs on
 * past it: its body holds a line that would close it but for being indented
 * 4 or more spaces or sitting at the end of a code line, and after that line
 * the body holds what reads as more Markdown (a fence with an info string, a
 * heading), or the block is never closed at all. Fence-like lines shorter
 * than the opening fence or of the other fence character are content (a
 * Markdown example in a ```` block), and so is a `# ` prompt with no
 * would-be closer before it.
 */
export function findRunawayFence(text: string, code: Code): MisplacedCloser | undefined {
  const fence = openingFenceOf(text, code);
  const start = code.position?.start.line;
  const end = code.position?.end;
  if (!fence || start === undefined || !end || !code.value.includes(fence)) return undefined;
  const lines = code.value.split(/\r\n|\r|\n/);
  // Looked at only once a would-be closer is found, which few blocks have.
  let isClosed: boolean | undefined;
  const blockClosed = () => (isClosed ??= closed(text, fence, start, end));
  const index = lines.findIndex((line, at) => {
    if (!misplacedCloser(line, fence)) return false;
    return !blockClosed() || lines.slice(at + 1).some((later) => looksLikeMarkdown.test(later));
  });
  const found = index < 0 ? undefined : misplacedCloser(lines[index] ?? "", fence);
  return found && { ...found, line: start + 1 + index };
}

/** Whether the block from line `start` to `end` ends with a closing fence for `fence` (after any container prefix). */
function closed(text: string, fence: string, start: number, end: Point): boolean {
  if (end.line === start) return false;
  const closing = new RegExp(`^[ \\t>]*${fenceChar(fence)}{${fence.length},}[ \\t]*$`);
  return closing.test(text.split(/\r\n|\r|\n/)[end.line - 1] ?? "");
}

/** Where the block is read as closed, how its closer is wrong, and what puts it right, for messages. */
function describeCloser(closer: MisplacedCloser, refreshable: boolean): string {
  // `refresh` rewrites only data-file blocks, so only they are pointed at it.
  const refresh = "`lessons refresh` rewrites the block with a closer of its own";
  const [wrong, fix] =
    closer.kind === "indented"
      ? [`is indented ${closer.indent} spaces (a closing fence may be indented at most 3)`, "indent it 3 spaces or less"]
      : ["is at the end of a code line (a closing fence must be on a line of its own)", "put it on a line of its own"];
  return `the block opened here is read as closed at line ${closer.line}, though its closer there ${wrong}; ${refreshable ? refresh : fix}`;
}

/**
 * Report every fenced block the parse closed at a misplaced closer (see
 * `closing-parse.ts`, which records it in `code.data.misplacedCloser`), at its
 * opening fence, as `fence-unclosed`. The block is read as its author meant,
 * closed at that line, and the Markdown after it as Markdown.
 *
 * ```` ```python ```` … `    ```` ` on line 5 … `## Next` → `the block opened
 * here is read as closed at line 5, though its closer there is indented 4
 * spaces …`
 */
export function fenceClosersTransform(tree: Root, file: VFile): void {
  forEachNode(tree, "code", (code) => {
    const closer = code.data?.misplacedCloser;
    if (!closer) return;
    report(file, "fence-unclosed", describeCloser(closer, dataFileName(code) !== undefined), code.position?.start);
  });
}

/** Unified plugin for {@link fenceClosersTransform}. */
export default function remarkFenceClosers() {
  return fenceClosersTransform;
}
