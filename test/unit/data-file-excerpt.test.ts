import { describe, expect, it } from "vitest";
import { excerptDriftReason, excerptOf } from "../../src/markdown/data-file-excerpt.js";

const file = ["const a = 1;", "", "function f() {", "  return a;", "}", "f();"].join("\n");

describe("a data-file block body that is part of its file", () => {
  it("is found where most of its lines match in order, and is told apart from a body that is not part of the file", () => {
    expect(excerptOf("function f() {\n  return a;", file)).toEqual({ start: 3, matching: 2, length: 2 });
    expect(excerptOf("function f() {\n  return b;\n}", file)).toEqual({ start: 3, matching: 1, length: 3 });
    expect(excerptOf("let x = 2;", file)).toBeUndefined();
    expect(excerptOf("\nfunction f() {", file)).toBeUndefined();
    expect(excerptOf(file, file)).toBeUndefined();
  });

  it("gets region markers in the comment syntax of the file's language", () => {
    const excerpt = { start: 3, matching: 2, length: 2 };
    expect(excerptDriftReason("app.js", excerpt, 10)).toBe(
      'block body is lines 3-4 of "app.js", not the whole file; to show only that part, put "// [part]" and "// [/part]" lines around it in the file and write {data-file="app.js:part"}',
    );
    expect(excerptDriftReason("page.html:body", { start: 5, matching: 1, length: 1 }, 10)).toBe(
      'block body is line 5 of "page.html:body", not the whole file; to show only that part, put "<!-- [part] -->" and "<!-- [/part] -->" lines around it in the file and write {data-file="page.html:part"}',
    );
  });
});
