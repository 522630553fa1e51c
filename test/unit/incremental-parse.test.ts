import { isDeepStrictEqual } from "node:util";
import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { createIncrementalParser } from "../../src/markdown/incremental-parse.js";
import { createMarkdownParser } from "../../src/markdown/parser.js";
import { fuzzRuns } from "../helpers/fuzz-runs.js";
import { randomEdit, randomFrom, sampleDocuments } from "../helpers/markdown-edits.js";

const parser = createMarkdownParser();
const parseWhole = (text: string) => parser.parse(text);

describe("the incremental parser", () => {
  it("gives the tree of the whole text after every edit, and reparses only a part for most", () => {
    const texts = new Set<string>();
    let wholeAfterEdit = 0;
    let edits = 0;
    const incremental = createIncrementalParser((text) => {
      if (texts.has(text) && edits > 0) wholeAfterEdit += 1;
      return parseWhole(text);
    });
    const steps = fuzzRuns(6);
    sampleDocuments().forEach((original, document) => {
      const random = randomFrom(document + 1);
      let text = original;
      texts.add(text);
      const first = edits;
      edits = 0;
      incremental(text, `lesson-${document}`);
      edits = first;
      for (let step = 0; step < steps; step += 1) {
        text = random() < 0.1 ? original : randomEdit(text, random);
        texts.add(text);
        edits += 1;
        const tree: Root = incremental(text, `lesson-${document}`);
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
      incremental(text, "lesson");
      parsed.length = 0;
      expect(incremental(edited, "lesson")).toEqual(parseWhole(edited));
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).not.toContain("# Title");
    }
  });

  it("hands out a tree the caller may change without changing the next one", () => {
    const incremental = createIncrementalParser(parseWhole);
    const text = "# Title\n\nSome text.\n\n## Section\n\nMore text.\n";
    const first = incremental(text, "lesson");
    first.children.length = 0;
    expect(incremental(text, "lesson")).toEqual(parseWhole(text));
    expect(incremental(text.replace("More", "Less"), "lesson")).toEqual(parseWhole(text.replace("More", "Less")));
  });
});
