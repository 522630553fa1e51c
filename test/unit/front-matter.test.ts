import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { homeFrontMatter, lessonFrontMatter, splitFrontMatter } from "../../src/project/front-matter.js";

function split(text: string, schema: typeof lessonFrontMatter | typeof homeFrontMatter = lessonFrontMatter) {
  const file = new VFile({ path: "content/lesson/index.md", value: text });
  const result = splitFrontMatter(file, schema);
  return { ...result, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`) };
}

describe("front matter", () => {
  it("reads a title that looks like a date as the text the author wrote", () => {
    expect(split("---\ntitle: 2024-01-01\nsummary: 12:30\n---\n# Lesson\n")).toMatchObject({
      data: { title: "2024-01-01", summary: "12:30" },
      messages: [],
    });
  });

  it("reads lists, quoted strings and comments as YAML 1.2 does", () => {
    const text = '---\n# the course\ntitle: "Home: start here"\nlessons:\n  - intro\n  - [not, a, slug]\n---\n';
    const { data, messages } = split(text, homeFrontMatter);
    expect(data).toEqual({});
    expect(messages).toEqual(["6:5 front matter field `lessons.1`: Invalid input: expected string, received array"]);
    expect(split('---\ntitle: "Home: start here"\nlessons: [intro, next]\n---\n', homeFrontMatter).data).toEqual({
      title: "Home: start here",
      lessons: ["intro", "next"],
    });
  });

  it("reports bad YAML at its line and column and keeps the body's positions", () => {
    const { data, body, messages } = split('---\ntitle: "never closed\n---\n# Lesson\n');
    expect(data).toEqual({});
    expect(messages).toEqual(['2:21 front matter is not valid YAML: Missing closing "quote']);
    expect(body.split("\n").slice(3)).toEqual(["# Lesson", ""]);
  });

  it("reports an alias bomb instead of expanding it", () => {
    const aliases = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"];
    for (const [name, previous] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
    ] as const) {
      aliases.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const { messages } = split(`---\n${aliases.join("\n")}\n---\n`);
    expect(messages).toEqual(["1:1 front matter is not valid YAML: Excessive alias count indicates a resource exhaustion attack"]);
  });
});
