import { describe, expect, it } from "vitest";
import { blockKey, type HighlightedBlock } from "../../src/html/highlighted-block.js";
import { createCodeHighlighter } from "../../src/html/highlighter.js";

const code = "def f(x):\n    return x + 1";

describe("the code highlighter", () => {
  it("highlights a block with a known language once its grammar is loaded, and leaves unknown ones plain", async () => {
    const highlighter = await createCodeHighlighter();
    await highlighter.load([
      { code, language: "Python" },
      { code: "x", language: "nosuchlanguage" },
    ]);
    expect(highlighter.highlight(code, "Python").properties.className).toEqual(["shiki", "lessons"]);
    expect(highlighter.highlight("x", "nosuchlanguage").properties.className).toEqual(["code", "plain"]);
    highlighter.dispose();
  });

  it("gives back what an earlier build highlighted without loading any grammar", async () => {
    const earlier = await createCodeHighlighter();
    await earlier.load([{ code, language: "python" }]);
    const block: HighlightedBlock = [blockKey(code, "python"), earlier.highlight(code, "python")];
    earlier.dispose();
    const later = await createCodeHighlighter();
    later.remember([block]);
    await later.load([{ code, language: "python" }]);
    expect(later.highlight(code, "python")).toEqual(block[1]);
    expect(later.highlight("print(1)", "python").properties.className).toEqual(["code", "plain"]);
    later.dispose();
  });
});
