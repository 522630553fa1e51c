import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { buildSite } from "../src/pipeline/build-site.js";
import { fixturesDir, mainOf, projectFromFixture } from "./helpers/fixture-project.js";
import { htmlProblemsOf } from "./helpers/html-problems.js";

const cases = readdirSync(fixturesDir).filter((name) => !name.startsWith("_"));

/**
 * Each fixture is built once: its lesson's HTML and its diagnostics are
 * compared with the files beside it, and when it has no error (so its pages
 * are what a successful build writes) every page must be valid HTML.
 */
describe("fixtures: Markdown in, lesson HTML and diagnostics out", () => {
  it.each(cases)("%s", async (name) => {
    const fixture = path.join(fixturesDir, name);
    const project = projectFromFixture(fixture);
    try {
      const result = await buildSite({ root: project.root });
      const page = result.files.find((file) => file.path === "lesson/index.html");
      const html = page && "contents" in page && typeof page.contents === "string" ? mainOf(page.contents) : "(no page)\n";
      const messages = result.messages.map(formatMessageLine).join("\n");
      await expect(html).toMatchFileSnapshot(path.join(fixture, "output.html"));
      await expect(messages ? `${messages}\n` : "").toMatchFileSnapshot(path.join(fixture, "messages.txt"));
      if (!result.messages.some((message) => message.fatal)) expect(await htmlProblemsOf(result.files)).toEqual([]);
    } finally {
      project.cleanup();
    }
  });
});
