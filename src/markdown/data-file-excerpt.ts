import { languageOfFile } from "./languages.js";

/** Where a block body that is shorter than its file lines up with it (lines counted from 1). */
export interface Excerpt {
  /** The file's line the body's first line is. */
  start: number;
  /** How many lines from the first match the file's, in order. */
  matching: number;
  /** The body's lines. */
  length: number;
}

/**
 * How `body` lines up with `file` when it is shorter and its first line is
 * a line of the file: from the place where most of its lines match in
 * order. Undefined when the body is no shorter than the file, or its first
 * line is blank or no line of the file (then it is not an excerpt).
 */
export function excerptOf(body: string, file: string): Excerpt | undefined {
  const block = body.split("\n").map((line) => line.trimEnd());
  const lines = file.split("\n").map((line) => line.trimEnd());
  const [first = ""] = block;
  if (block.length >= lines.length || first.trim() === "") return undefined;
  let best: Excerpt | undefined;
  lines.forEach((line, at) => {
    if (line !== first) return;
    let matching = 1;
    while (matching < block.length && lines[at + matching] === block[matching]) matching += 1;
    if (!best || matching > best.matching) best = { start: at + 1, matching, length: block.length };
  });
  return best;
}

/** The region marker lines for `name` in a file like `file`, in its language's comment syntax. */
function regionMarkers(file: string, name: string): [string, string] {
  const language = languageOfFile(file);
  if (language === "html" || language === "markdown") return [`<!-- [${name}] -->`, `<!-- [/${name}] -->`];
  if (language === "css") return [`/* [${name}] */`, `/* [/${name}] */`];
  const leader = { javascript: "//", typescript: "//", sql: "--" }[language] ?? "#";
  return [`${leader} [${name}]`, `${leader} [/${name}]`];
}

/**
 * The `data-file-drift` reason for a block named `name` (`server.py` or
 * `server.py:region`) whose body is an excerpt of its file: which lines it
 * is, or where it first differs, and the region that would show only that
 * part, instead of `lessons refresh`, which would paste the whole file.
 * `bodyLine` is the lesson line of the body's first line.
 */
export function excerptDriftReason(name: string, excerpt: Excerpt, bodyLine: number): string {
  const file = name.replace(/:[\w-]+$/, "");
  const [open, close] = regionMarkers(file, "part");
  const { start, matching, length } = excerpt;
  const region = (part: string) => `put "${open}" and "${close}" lines around ${part} in the file and write {data-file="${file}:part"}`;
  if (matching === length) {
    const lines = length === 1 ? `line ${start}` : `lines ${start}-${start + length - 1}`;
    return `block body is ${lines} of "${name}", not the whole file; to show only that part, ${region("it")}`;
  }
  const where = `first at its line ${matching + 1} (lesson line ${bodyLine + matching}), against line ${start + matching} of the file`;
  return `block body differs from "${name}" ${where}; if the block shows part of the file, fix that line, ${region("the part")}`;
}
