import type { Root, RootContent } from "mdast";
import { blankLineBefore, hasDefinition, lineCount, type ParseDocument, type ParseText, shift, shiftPoint } from "./document-parts.js";

/** The last text parsed under a path and its tree, kept unchanged. */
interface Parsed {
  text: string;
  tree: Root;
}

/** A stretch of a document that is parsed the same alone as within the whole text. */
interface Chunk {
  /** Offset of its first character: the document's start or a top-level heading's. */
  start: number;
  /** Offset where the blank line before the next chunk's heading starts, or the document's end. */
  blank: number;
  /** Offset of the next chunk's heading, or the document's end. */
  end: number;
  /** Index of its first node among the root's children. */
  first: number;
  /** Index just past its last node among the root's children. */
  last: number;
}

/**
 * Whether the document can be cut before `node`, the child at `index` of
 * the root: a top-level heading, or the first of a run of link definitions
 * (the shared links appended to every lesson are such a run), starting its
 * line, unindented, after a blank line (see {@link chunksOf}).
 */
function startsChunk(tree: Root, index: number, text: string): boolean {
  const node = tree.children[index];
  const at = node?.position?.start;
  if (index === 0 || !node || at?.offset === undefined || at.column !== 1 || /\s/.test(text[at.offset] ?? " ")) return false;
  return node.type === "heading" || (node.type === "definition" && tree.children[index - 1]?.type !== "definition");
}

/**
 * Where a document can be cut so that each part parses alone as it does in
 * place: before every node {@link startsChunk} accepts. An unindented line
 * after a blank line closes every container and every leaf block (it
 * cannot continue a list item, a quote or a paragraph, and a fenced block
 * or raw HTML holding it would have made it part of that block, not a
 * top-level node), so nothing before it changes how what follows is parsed,
 * except link definitions, which are handled apart.
 */
function chunksOf({ text, tree }: Parsed): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let first = 0;
  tree.children.forEach((node, index) => {
    const at = node.position?.start.offset;
    if (at === undefined || !startsChunk(tree, index, text)) return;
    const blank = blankLineBefore(text, at);
    if (blank === undefined) return;
    chunks.push({ start, blank, end: at, first, last: index });
    start = at;
    first = index;
  });
  chunks.push({ start, blank: text.length, end: text.length, first, last: tree.children.length });
  return chunks;
}

/** The offset just past the line ending of the line `at` is on (the text's end on its last line). */
function nextLineStart(text: string, at: number): number {
  const end = text.indexOf("\n", at);
  return end === -1 ? text.length : end + 1;
}

/** Length of the common prefix of `a` and `b`, and of their common suffix not overlapping it. */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const most = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < most && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < most - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix += 1;
  return { prefix, suffix };
}

/**
 * The tree of `text` from `before`, the tree of an earlier text, by parsing
 * again only the chunk (see {@link chunksOf}) that holds every changed
 * character; undefined when the edit cannot be confined to one: it touches
 * a chunk's first line or the blank line before it, a link definition is
 * involved, or the edited chunk no longer ends where it did (an unclosed
 * code fence runs on). `before.tree` is taken apart when a tree is returned.
 */
function reparseChunk(before: Parsed, text: string, parse: ParseText): Root | undefined {
  const { prefix, suffix } = commonEnds(before.text, text);
  const editEnd = before.text.length - suffix;
  const chunk = chunksOf(before).find(
    ({ start, blank, end }) =>
      prefix >= (start === 0 ? 0 : nextLineStart(before.text, start)) && (end === before.text.length || editEnd <= blank),
  );
  const children = before.tree.children;
  const position = before.tree.position;
  if (!chunk || !position || hasDefinition(children.slice(chunk.first, chunk.last))) return undefined;
  const elsewhere = [...children.slice(0, chunk.first), ...children.slice(chunk.last)];
  if (elsewhere.some((node) => node.type !== "definition" && hasDefinition([node]))) return undefined;
  const definitions = elsewhere
    .filter((node) => node.type === "definition")
    .map((node) => before.text.slice(node.position?.start.offset, node.position?.end.offset))
    .join("\n");
  const growth = text.length - before.text.length;
  const isLast = chunk.end === before.text.length;
  const chunkText = text.slice(chunk.start, chunk.end + growth);
  const parsed = parse(definitions ? `${chunkText}\n\n${definitions}\n` : chunkText);
  const fresh = parsed.children.filter((node) => (node.position?.start.offset ?? 0) < chunkText.length);
  const lastEnd = Math.max(0, ...fresh.map((node) => node.position?.end.offset ?? 0));
  const runsOn = isLast ? lastEnd > chunkText.length : lastEnd >= chunk.blank + growth - chunk.start;
  if (runsOn || hasDefinition(fresh) || !parsed.position) return undefined;
  const startLine = lineCount(text, 0, chunk.start);
  const movedLines = lineCount(text, chunk.start, chunk.end + growth) - lineCount(before.text, chunk.start, chunk.end);
  const rootStart =
    (position.start.offset ?? 0) < prefix
      ? position.start
      : chunk.start === 0
        ? shiftPoint(parsed.position.start, startLine, 0)
        : undefined;
  const rootEnd =
    (position.end.offset ?? 0) > editEnd
      ? shiftPoint(position.end, movedLines, growth)
      : isLast && !definitions
        ? shiftPoint(parsed.position.end, startLine, chunk.start)
        : undefined;
  if (!rootStart || !rootEnd) return undefined;
  for (const node of fresh) shift(node, startLine, chunk.start);
  const after = children.slice(chunk.last);
  for (const node of after) shift(node, movedLines, growth);
  return {
    ...before.tree,
    children: [...children.slice(0, chunk.first), ...fresh, ...after] as RootContent[],
    position: { start: rootStart, end: rootEnd },
  };
}

/**
 * A parser for documents that are read again and again after small edits
 * (the dev server's lessons), over `parse`: the first text under a path is
 * parsed whole; a later one reuses the tree of the previous text for
 * everything outside the chunk an edit touched (see {@link chunksOf}), and
 * is parsed whole when the edit spans chunks. Every path keeps its last
 * tree, so this is for a process that reads the same documents again. The
 * tree handed out is a fresh copy every time.
 */
export function createIncrementalParser(parse: ParseText): ParseDocument {
  const parsed = new Map<string, Parsed>();
  return (text, path) => {
    const before = parsed.get(path);
    parsed.delete(path);
    const tree = (before && (before.text === text ? before.tree : reparseChunk(before, text, parse))) ?? parse(text);
    parsed.set(path, { text, tree });
    return structuredClone(tree);
  };
}
