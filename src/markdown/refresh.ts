import type { Code } from "mdast";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { lessonFrontMatter, splitFrontMatter } from "../project/front-matter.js";
import { dataFileName, type LoadedDataFile } from "./data-file.js";
import { closingParse } from "./closing-parse.js";
import { limitMarkdownInput } from "./input-limits.js";
import { createMarkdownParser } from "./parser.js";

/** Reads the text a `data-file` name should show (see `loadDataFile`). */
export type DataFileReader = (name: string) => LoadedDataFile;

/** A lesson's text after {@link refreshDataFileBlocks}, and how many block bodies it rewrote. */
export interface RefreshResult {
  text: string;
  refreshed: number;
}

/** One block body to replace: the text between `from` and `to` (whole lines) becomes `body`. */
interface Edit {
  /** Where the block's opening fence starts. */
  opening: number;
  from: number;
  to: number;
  body: string;
  expected: string;
  code: Code;
}

const fenceOpening = /^(`{3,}|~{3,})/;

/** The offset where each line of `text` starts, and one past the end. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  if (starts.at(-1) !== text.length) starts.push(text.length);
  return starts;
}

function dataFileBlocks(text: string): { code: Code; name: string }[] {
  // Parse what the build parses: front matter blanked, positions unchanged.
  const body = limitMarkdownInput(splitFrontMatter(new VFile({ value: text }), lessonFrontMatter).body);
  const blocks: { code: Code; name: string }[] = [];
  const parser = createMarkdownParser();
  visit(closingParse((markdown) => parser.parse(markdown), body.length)(body, ""), "code", (code) => {
    const name = dataFileName(code);
    if (name !== undefined) blocks.push({ code, name });
  });
  return blocks;
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The edit that makes `code`'s body read `expected`, keeping the fence, its
 * indentation and the container prefix of each line (`> `, a list item's
 * indentation) and the line ending of the opening fence; or the reason it
 * cannot be made. A block read as closed at a misplaced closer (see
 * `closing-parse.ts`) gets its body up to that closer replaced and a closer
 * of its own, so that CommonMark reads it as the build does.
 */
function planEdit(text: string, starts: number[], code: Code, expected: string): Edit | string {
  const start = code.position?.start;
  const end = code.position?.end;
  if (!start || !end || start.offset === undefined) return "cannot find the block in the file";
  const lineText = (line: number) => text.slice(starts[line - 1] ?? text.length, starts[line] ?? text.length).replace(/\r?\n$|\r$/, "");
  const opening = lineText(start.line);
  const fence = fenceOpening.exec(opening.slice(start.column - 1))?.[1];
  if (!fence) return "cannot find the block's opening fence";
  const closingFence = new RegExp(`^[ \\t>]*${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
  const runaway = code.data?.misplacedCloser;
  if (!runaway && (end.line === start.line || !closingFence.test(lineText(end.line)))) return "the block has no closing fence";
  const lines = expected === "" ? [] : expected.split("\n");
  if (lines.some((line) => closingFence.test(line))) return "the file has a line that would close the block's fence; use a longer fence";
  const eol = /\r\n|\r|\n/.exec(text.slice(start.offset))?.[0] ?? "\n";
  // A list marker becomes spaces; a `>` gets the space after it that the block quote would otherwise take from the line.
  const prefix = opening
    .slice(0, start.column - 1)
    .replace(/[^>\s]/g, " ")
    .replace(/>$/, "> ");
  const body = lines.map((line) => (line === "" ? prefix.trimEnd() : prefix + line) + eol).join("");
  const from = starts[start.line] ?? text.length;
  if (runaway) {
    const closer = `${prefix}${fence}${eol}`;
    return { opening: start.offset, from, to: starts[runaway.line] ?? text.length, body: body + closer, expected, code };
  }
  return { opening: start.offset, from, to: starts[end.line - 1] ?? text.length, body, expected, code };
}

function apply(text: string, edits: Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) result = result.slice(0, edit.from) + edit.body + result.slice(edit.to);
  return result;
}

/**
 * Rewrite the body of every non-empty `data-file` block of a lesson whose
 * body differs from its file (or region), changing no other byte: the body
 * lines between the fences are replaced, with the fence's indentation, any
 * container prefix and the file's line endings kept. Empty blocks are left
 * empty (the build fills them). Blocks whose file is missing, refused or
 * lacks its region, and blocks that cannot be rewritten safely, are
 * reported on `file` as warnings and left as they are. Pure: `read` is the
 * only way to the data files, and `file.value` is not changed.
 *
 * ```` ```{data-file="hello.py"} ```` holding `print("hi")` when `hello.py`
 * now reads `print("hello")` gets that body; the fences stay byte for byte.
 */
export function refreshDataFileBlocks(file: VFile, read: DataFileReader): RefreshResult {
  const text = String(file.value);
  const starts = lineStarts(text);
  const edits: Edit[] = [];
  for (const { code, name } of dataFileBlocks(text)) {
    if (name === "" || code.value === "") continue;
    const loaded = read(name);
    if (!loaded.ok) {
      report(file, loaded.rule, `${loaded.reason}; the block is left as it is`, code, "warning");
      continue;
    }
    // A block read as closed at a misplaced closer gets a closer of its own even when its body is the file.
    if (normalise(code.value) === loaded.text && !code.data?.misplacedCloser) continue;
    const edit = planEdit(text, starts, code, loaded.text);
    if (typeof edit === "string") report(file, "data-file-drift", `cannot refresh "${name}": ${edit}`, code);
    else edits.push(edit);
  }
  // Read the result back the way the build will, and drop any edit whose block does not read as its file.
  let kept = edits;
  for (;;) {
    const result = apply(text, kept);
    // Rewritten bodies change length, so blocks are matched by where they now start.
    const reread = new Map(dataFileBlocks(result).map(({ code }) => [code.position?.start.offset, code.value]));
    const movedTo = (edit: Edit) =>
      kept.reduce((at, other) => (other.from < edit.from ? at + other.body.length - (other.to - other.from) : at), edit.opening);
    const wrong = kept.filter((edit) => normalise(reread.get(movedTo(edit)) ?? "") !== edit.expected);
    if (wrong.length === 0) return { text: result, refreshed: kept.length };
    for (const edit of wrong) {
      report(file, "data-file-drift", "cannot refresh this block without changing how the lesson reads; edit it by hand", edit.code);
    }
    kept = kept.filter((edit) => !wrong.includes(edit));
  }
}
