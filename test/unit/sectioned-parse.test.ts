import { isDeepStrictEqual } from "node:util";
import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { createMarkdownParser } from "../../src/markdown/parser.js";
import { createSectionedParser } from "../../src/markdown/sectioned-parse.js";
import { fuzzRuns } from "../helpers/fuzz-runs.js";
import { randomEdit, randomFrom, sampleDocuments } from "../helpers/markdown-edits.js";

const parser = createMarkdownParser();
const parseWhole = (text: string) => parser.parse(text);

/** A sectioned parser that records the texts it hands to the whole parser. */
function recordingParser(): { parse: (text: string) => Root; parsed: string[] } {
  const parsed: string[] = [];
  const parse = createSectionedParser((text) => {
    parsed.push(text);
    return parseWhole(text);
  });
  return { parse, parsed };
}

function expectSameTree(text: string, tree: Root, label: string): void {
  // The quick comparison first: a deep `toEqual` of two whole lessons takes most of a second.
  if (!isDeepStrictEqual(tree, parseWhole(text))) expect(tree, label).toEqual(parseWhole(text));
}

describe("the sectioned parser", () => {
  it("gives the tree of the whole text, for lessons and after random edits, and reads most in parts", () => {
    const { parse, parsed } = recordingParser();
    let texts = 0;
    let whole = 0;
    const steps = fuzzRuns(4);
    sampleDocuments().forEach((original, document) => {
      const random = randomFrom(document + 101);
      for (let step = 0; step < steps; step += 1) {
        let text = original;
        for (let edits = step % 4; edits > 0; edits -= 1) text = randomEdit(text, random);
        parsed.length = 0;
        expectSameTree(text, parse(text), `document ${document}, edit ${step}`);
        texts += 1;
        if (parsed.includes(text)) whole += 1;
      }
    });
    expect(whole).toBeLessThan(texts / 4);
  });

  it("reads a lesson one section at a time, each with only the shared definitions it refers to", () => {
    const { parse, parsed } = recordingParser();
    const text = [
      "# Title\n\nSee [Docker].\n",
      "## One\n\nNo links here.\n",
      "## Two {: .aside}\n\nSee [python][] and [the registry][docker].\n",
      "[docker]: https://www.docker.com/\n[python]: https://www.python.org/\n",
    ].join("\n");
    expectSameTree(text, parse(text), "lesson");
    const partWith = (words: string) => parsed.filter((part) => part.includes(words));
    expect(parsed).toHaveLength(4);
    expect(partWith("See [Docker]")).toEqual([expect.stringContaining("[docker]: https://www.docker.com/")]);
    expect(partWith("See [Docker]")[0]).not.toContain("[python]:");
    expect(partWith("No links here.")).toEqual([expect.not.stringContaining("]: https://")]);
    expect(partWith("See [python][]")).toEqual([expect.stringContaining("[python]: https://www.python.org/")]);
  });

  const boundaries: [string, string][] = [
    ["a fence left open before a heading", "# Title\n\n```sh\necho one\n\n# a shell comment\n\necho two\n```\n\n## Next\n\nText.\n"],
    [
      "a shell session with root prompts in a fence",
      "# Title\n\n```text\n$ sudo -s\n\n# apt update\n\n# apt install git\n```\n\n## Next\n\nText.\n",
    ],
    ["a fence never closed", "# Title\n\n```python\nprint(1)\n\n## Not a heading\n\nStill code.\n"],
    ["raw HTML left open", "# Title\n\n<!-- a comment\n\n## Inside the comment\n\n-->\n\n## After\n\nText.\n"],
    ["a definition list before a heading", "# Title\n\nTerm\n:   Its definition\n\n## Next\n\nTerm two\n:   Another\n"],
    ["a list and a quote before headings", "# Title\n\n- one\n\n  still one\n\n## Two\n\n> quoted\n\n## Three\n"],
    [
      "a definition among the sections",
      "# Title\n\nSee [later].\n\n## Middle\n\n[later]: https://example.org/\n\n## End\n\nAnd [later] again.\n",
    ],
    ["Windows line endings", "# Title\r\n\r\nSee [a].\r\n\r\n## Two\r\n\r\nText.\r\n\r\n[a]: https://example.org/\r\n"],
    ["old Mac line endings", "# Title\r\rText.\r\r## Two\r\rMore.\r"],
    ["a lone carriage return inside a section", "# Title\n\nOne\rtwo.\n\n## Two\r\n\r\nThree\n\n[a]: https://example.org/\n"],
    ["front matter blanked before the title", "\n\n\n\n# Title\n\nText.\n\n## Two\n\nMore.\n"],
    ["a heading with no text and one after a paragraph", "# Title\n\n#\n\nText.\n## Close\n\n## Last"],
    ["a label that matches by case folding", "# Title\n\nSee [STRASSE].\n\n## Two\n\nSee [Straße].\n\n[strasse]: https://example.org/\n"],
  ];
  it.each(boundaries)("gives the whole text's tree with %s", (label, text) => {
    expectSameTree(text, recordingParser().parse(text), label);
  });

  it("parses again past a cut a fence runs over, and parses the whole text when that keeps happening", () => {
    const session = "# Title\n\n```text\n$ sudo -s\n\n# apt update\n```\n\n## Next\n\nText.\n";
    const once = recordingParser();
    expectSameTree(session, once.parse(session), "one cut run over");
    expect(once.parsed).not.toContain(session);
    const prompts = `# Title\n\n\`\`\`text\n${"\n# a root prompt\n".repeat(200)}`;
    const many = recordingParser();
    expectSameTree(prompts, many.parse(prompts), "a fence never closed over many cuts");
    expect(many.parsed.reduce((sum, part) => sum + part.length, 0)).toBeLessThanOrEqual(3 * prompts.length);
  });
});
