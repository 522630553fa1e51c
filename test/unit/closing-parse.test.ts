import { isDeepStrictEqual } from "node:util";
import type { Code, Html, Nodes, Root } from "mdast";
import type { Point } from "unist";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { closingParse } from "../../src/markdown/closing-parse.js";
import { createIncrementalParser } from "../../src/markdown/incremental-parse.js";
import { createMarkdownParser } from "../../src/markdown/parser.js";
import { createSectionedParser } from "../../src/markdown/sectioned-parse.js";

const parser = createMarkdownParser();
const parseWhole = (text: string) => parser.parse(text);

function nodesOf(tree: Root, type: Nodes["type"]): Nodes[] {
  const found: Nodes[] = [];
  visit(tree, type, (node) => {
    found.push(node as Nodes);
  });
  return found;
}

/** The point `offset` is at in `text`, counted as CommonMark counts lines. */
function pointIn(text: string, offset: number): Point {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, offset };
}

/** Every position in `tree` is a true one in `text`: its line and column are where its offset is. */
function expectTruePositions(tree: Root, text: string): void {
  visit(tree, (node) => {
    for (const point of [node.position?.start, node.position?.end]) {
      if (point?.offset !== undefined) expect(point, node.type).toEqual(pointIn(text, point.offset));
    }
  });
}

/** The source text of each node of `type` in `tree`. */
function sourcesOf(tree: Root, text: string, type: Nodes["type"]): string[] {
  return nodesOf(tree, type).map((node) => text.slice(node.position?.start.offset, node.position?.end.offset));
}

const definitions = "[docker]: https://www.docker.com/\n";

/** A lesson whose blocks were meant to close at misplaced closers, inside containers too. */
const lesson = [
  "# Title",
  "",
  "```python",
  "x = 1",
  "    ```",
  "",
  "## Indented closer",
  "",
  "See [Docker][docker].",
  "",
  "> ```sh",
  "> echo hi```",
  ">",
  "> ## Quoted heading",
  "",
  "- An item",
  "",
  "  ```python",
  "  y = 2",
  "      ```",
  "",
  "  Still in the item.",
  "",
  "```text",
  "first```",
  "",
  "```text",
  "second```",
  "",
  "## End",
  "",
].join("\n");

describe("the parse that closes the blocks their authors left open", () => {
  it("closes each block at its misplaced closer, in containers too, and reads what follows as Markdown", () => {
    const text = `${lesson}\n${definitions}`;
    const tree = closingParse(parseWhole, lesson.length)(text, "lesson.md");
    const codes = nodesOf(tree, "code") as Code[];
    expect(codes.map((code) => code.value)).toEqual(["x = 1", "echo hi", "y = 2", "first", "second"]);
    expect(codes.map((code) => code.data?.misplacedCloser)).toEqual([
      { kind: "indented", indent: 4, line: 5 },
      { kind: "end-of-line", indent: 0, line: 12 },
      { kind: "indented", indent: 4, line: 20 },
      { kind: "end-of-line", indent: 0, line: 25 },
      { kind: "end-of-line", indent: 0, line: 28 },
    ]);
    expect(sourcesOf(tree, text, "heading")).toEqual(["# Title", "## Indented closer", "## Quoted heading", "## End"]);
    expect(sourcesOf(tree, text, "linkReference")).toEqual(["[Docker][docker]"]);
    expect(sourcesOf(tree, text, "blockquote")).toEqual(["> ```sh\n> echo hi```\n>\n> ## Quoted heading"]);
    expect(sourcesOf(tree, text, "listItem")).toEqual(["- An item\n\n  ```python\n  y = 2\n      ```\n\n  Still in the item."]);
    expectTruePositions(tree, text);
  });

  it("finds a runaway block hidden inside another's runaway, with the definition both would take in", () => {
    const text = "```python\nx = 1\n    ```\n\nText.\n\n```python\ny = 2```\n\n[Docker][docker]\n\n[docker]: https://www.docker.com/\n";
    const tree = closingParse(parseWhole, text.length)(text, "lesson.md");
    expect((nodesOf(tree, "code") as Code[]).map((code) => code.data?.misplacedCloser?.line)).toEqual([3, 8]);
    expect(nodesOf(tree, "definition")).toHaveLength(1);
    expectTruePositions(tree, text);
  });

  it.each([
    ["<pre>", "</pre>"],
    ["<PRE class='x'>", "</pre>"],
    ["<script>", "</script>"],
    ["<!--", "-->"],
    ["<?php", "?>"],
    ["<!DOCTYPE", ">"],
    ["<![CDATA[", "]]>"],
  ])("closes %s left open at the end before the shared definitions, and records its closer", (opener, closer) => {
    const authored = `# Title\n\n${opener}\nsome text\n`;
    const text = `${authored}\n${definitions}`;
    const tree = closingParse(parseWhole, authored.length)(text, "lesson.md");
    const html = nodesOf(tree, "html") as Html[];
    expect(html.map((node) => node.data?.missingCloser)).toEqual([closer]);
    expect(nodesOf(tree, "definition")).toHaveLength(1);
    expectTruePositions(tree, text);
  });

  it("leaves closed HTML blocks and fences, and text without shared definitions, as CommonMark reads them", () => {
    for (const text of [
      "<pre>\nx\n</pre>\n\nText.\n",
      "<!-- a comment -->\n",
      "<div>\nopen until a blank line\n",
      "```python\nx = 1\n```\n",
      "> <pre>\n> inside a quote\n",
    ]) {
      expect(closingParse(parseWhole, text.length)(text, "lesson.md"), text).toEqual(parseWhole(text));
    }
  });

  it("gives the same tree through the sectioned and the incremental parser as through a whole parse, edit after edit", () => {
    const sectioned = createSectionedParser(parseWhole);
    const incremental = createIncrementalParser(parseWhole);
    for (const authored of [lesson, `${lesson}\n<pre>\nleft open\n`, `${lesson}\n\`\`\`sh\nleft open\n`, lesson]) {
      const text = `${authored}\n${definitions}`;
      const whole = closingParse(parseWhole, authored.length)(text, "lesson.md");
      for (const parse of [(markdown: string) => sectioned(markdown), incremental]) {
        const inParts = closingParse(parse, authored.length)(text, "lesson.md");
        if (!isDeepStrictEqual(inParts, whole)) expect(inParts).toEqual(whole);
      }
    }
  });
});
