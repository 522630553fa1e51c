import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import { limitMarkdownInput } from "../../src/markdown/input-limits.js";
import { inputLimits } from "../../src/project/input-limits.js";

function limit(text: string): { text: string; messages: string[] } {
  const file = new VFile({ path: "lesson.md", value: text });
  const limited = limitMarkdownInput(text, file);
  return { text: limited, messages: file.messages.map(formatMessageLine) };
}

describe("limitMarkdownInput", () => {
  it("leaves ordinary Markdown exactly as it is", () => {
    const text = "# T\n\n> quoted\n\n- a\n  - b\n\n[a](g:b) and *c*\n";
    expect(limit(text)).toEqual({ text, messages: [] });
  });

  it("blanks lines nested deeper than the limit, keeping every line's length, and reports the stretch once", () => {
    const deep = Array.from({ length: 40 }, (_, index) => `${"  ".repeat(index)}- item`);
    const text = `# T\n\n${deep.join("\n")}\n\nAfter.\n`;
    const result = limit(text);
    expect(result.text.length).toBe(text.length);
    expect(result.text.split("\n").map((line) => line.length)).toEqual(text.split("\n").map((line) => line.length));
    expect(result.text).toContain("After.");
    expect(result.text.split("\n")[2 + inputLimits.containerDepth]).toMatch(/^<!-- +-->$/);
    expect(result.messages).toEqual([
      `lesson.md:${3 + inputLimits.containerDepth}:1 error lists or block quotes are nested more than 32 deep; lines 35–42 are left out [input-limit]`,
    ]);
  });

  it("blanks a paragraph with too many brackets, but never fenced code", () => {
    const brackets = "[".repeat(inputLimits.inlineMarks + 1);
    const text = `# T\n\n${brackets}\n\n\`\`\`json\n${brackets}\n\`\`\`\n`;
    const result = limit(text);
    expect(result.text).toBe(`# T\n\n<!--${" ".repeat(brackets.length - 7)}-->\n\n\`\`\`json\n${brackets}\n\`\`\`\n`);
    expect(result.messages).toEqual([
      "lesson.md:3:1 error a paragraph holds more than 5000 brackets or emphasis marks; line 3 is left out [input-limit]",
    ]);
  });

  it("counts each table row on its own", () => {
    const row = `|${"[a](b)|".repeat(20)}\n`;
    const text = `|${"h|".repeat(20)}\n|${"-|".repeat(20)}\n${row.repeat(200)}`;
    expect(limit(text)).toEqual({ text, messages: [] });
  });
});
