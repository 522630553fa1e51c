import path from "node:path";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { formatGithub } from "../../src/diagnostics/format-github.js";

describe("GitHub Actions annotations", () => {
  it("escape what would end a property or the message early, so the annotation shows the text as written", () => {
    const file = new VFile({ path: "content/a, b/index.md" });
    const message = file.message("100% wrong:\nsee here", { place: { line: 2, column: 3 }, ruleId: "glossary-key" });
    message.fatal = true;
    expect(formatGithub([message], "/course", "/course")).toBe(
      "::error file=content/a%2C b/index.md,line=2,col=3,title=glossary-key::100%25 wrong:%0Asee here [glossary-key]",
    );
  });

  it("annotate a warning that spans lines with its end line but no end column, as GitHub allows only on one line", () => {
    const file = new VFile({ path: "content/l/index.md" });
    const start = { line: 5, column: 1 };
    const message = file.message("block body differs", { place: { start, end: { line: 7, column: 4 } }, ruleId: "data-file-drift" });
    message.fatal = false;
    expect(formatGithub([message], path.join("/repo", "course"), "/repo")).toBe(
      "::warning file=course/content/l/index.md,line=5,endLine=7,col=1,title=data-file-drift::block body differs [data-file-drift]",
    );
  });

  it("annotate a problem of the whole project without a file", () => {
    const message = new VFile().message("no lessons found", { ruleId: "lesson-slug" });
    message.fatal = true;
    expect(formatGithub([message], "/course", "/course")).toBe("::error title=lesson-slug::no lessons found [lesson-slug]");
  });
});
