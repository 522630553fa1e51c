import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Root } from "mdast";
import { afterAll, describe, expect, it } from "vitest";
import { generateCourse } from "../../src/bench/generate-course.js";
import { createIncrementalParser } from "../../src/markdown/incremental-parse.js";
import { createMarkdownParser } from "../../src/markdown/processor.js";

const parser = createMarkdownParser();
const parseWhole = (text: string) => parser.parse(text);

const work = mkdtempSync(path.join(os.tmpdir(), "lessons-incremental-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The seed lesson (also with Windows line endings) and a few generated ones, each with shared link definitions appended as the build does. */
function documents(): string[] {
  generateCourse(work, { lessons: 2, seed: 11, blocksPerLesson: 6 });
  const generated = readdirSync(path.join(work, "content"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(path.join(work, "content", entry.name, "index.md"), "utf8"));
  const seed = readFileSync(path.join(import.meta.dirname, "../../content/virt/index.md"), "utf8");
  const links = "[docker]: https://www.docker.com/\n[python]: https://www.python.org/";
  const withWindowsLineEndings = seed.replace(/\n/g, "\r\n");
  return [seed, withWindowsLineEndings, ...generated].map((text) => `${text}\n\n${links}\n`);
}

/** Snippets an author might type or delete, several of which change how what follows them parses. */
const snippets = [
  "A new sentence with *emphasis* and a [link][docker].",
  "\n",
  "\n\n",
  "```",
  "```python\nprint('open')\n",
  '<div class="callout">',
  "<!-- a comment that never ends",
  "<pre>",
  "[python]: https://example.org/other",
  "[new]: https://example.org/new\n\nSee [new].",
  "## A heading typed in",
  "# ",
  "- a list item\n- another",
  "> a quote",
  "    indented code",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "Term\n:   Its definition",
  "[% x virt %]",
  "[a term](g:container)",
  "---",
  "",
];

/** A small deterministic random number generator (mulberry32). */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` with one random edit: a snippet inserted at a line start or mid-line, a stretch deleted, or a line replaced. */
function edit(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const snippet = snippets[Math.floor(random() * snippets.length)] ?? "";
  const kind = random();
  if (kind < 0.4) return `${text.slice(0, lineStart)}${snippet}\n${text.slice(lineStart)}`;
  if (kind < 0.6) return `${text.slice(0, at)}${snippet}${text.slice(at)}`;
  if (kind < 0.8) return `${text.slice(0, at)}${text.slice(at + Math.floor(random() * 40))}`;
  const lineEnd = text.indexOf("\n", at);
  return `${text.slice(0, lineStart)}${snippet}${lineEnd === -1 ? "" : text.slice(lineEnd)}`;
}

describe("the incremental parser", () => {
  it("gives the tree of the whole text after every edit, and reparses only a part for most", () => {
    const texts = new Set<string>();
    let wholeAfterEdit = 0;
    let edits = 0;
    const incremental = createIncrementalParser((text) => {
      if (texts.has(text) && edits > 0) wholeAfterEdit += 1;
      return parseWhole(text);
    });
    documents().forEach((original, document) => {
      const random = randomFrom(document + 1);
      let text = original;
      texts.add(text);
      const first = edits;
      edits = 0;
      incremental(`lesson-${document}`, text);
      edits = first;
      for (let step = 0; step < 30; step += 1) {
        text = random() < 0.1 ? original : edit(text, random);
        texts.add(text);
        edits += 1;
        const tree: Root = incremental(`lesson-${document}`, text);
        const whole = parseWhole(text);
        // The quick comparison first: a deep `toEqual` of two whole lessons takes most of a second.
        if (!isDeepStrictEqual(tree, whole)) expect(tree, `document ${document}, edit ${step}`).toEqual(whole);
      }
    });
    expect(wholeAfterEdit).toBeLessThan(edits / 2);
  });

  it("parses again only the section an edit touched, the last one too when link definitions follow it", () => {
    const parsed: string[] = [];
    const incremental = createIncrementalParser((text) => {
      parsed.push(text);
      return parseWhole(text);
    });
    const text = "# Title\n\nSee [docker].\n\n## First\n\nOne.\n\n## Last\n\nTwo.\n\n[docker]: https://www.docker.com/\n";
    for (const edited of [text.replace("One.", "One, edited."), text.replace("Two.", "Two, edited, with [docker].")]) {
      incremental("lesson", text);
      parsed.length = 0;
      expect(incremental("lesson", edited)).toEqual(parseWhole(edited));
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).not.toContain("# Title");
    }
  });

  it("hands out a tree the caller may change without changing the next one", () => {
    const incremental = createIncrementalParser(parseWhole);
    const text = "# Title\n\nSome text.\n\n## Section\n\nMore text.\n";
    const first = incremental("lesson", text);
    first.children.length = 0;
    expect(incremental("lesson", text)).toEqual(parseWhole(text));
    expect(incremental("lesson", text.replace("More", "Less"))).toEqual(parseWhole(text.replace("More", "Less")));
  });
});
