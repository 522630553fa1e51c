import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { buildSite } from "../src/pipeline/build-site.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { htmlProblemsOf } from "./helpers/html-problems.js";
import { writtenSite } from "./helpers/site-pages.js";

/** The fixtures' pages are checked where they are built, in test/fixtures.test.ts. */
describe("valid HTML", () => {
  it("on every page of the project's own site as written, by html-validate's recommended rules", async () => {
    const site = writtenSite(inject("ownSite").folder);
    const pages = [...site.paths].filter((file) => file.endsWith(".html"));
    expect(pages).toEqual(
      expect.arrayContaining([
        "index.html",
        "virt/index.html",
        "virt/slides.html",
        "glossary/index.html",
        "bibliography/index.html",
        "exercises/index.html",
      ]),
    );
    expect(await htmlProblemsOf(pages.map((page) => ({ path: page, contents: site.text(page) })))).toEqual([]);
  });

  it("on the view page of each file of the course in the older layout", async () => {
    const { files } = await buildSite({ root: path.join(repoRoot, "test/sites/older-course"), threads: 0 });
    const paths = new Set(files.map((file) => file.path));
    const views = files.filter((file) => paths.has(file.path.replace(/\.html$/, "")));
    expect(views.map((file) => file.path)).toContain("03_pitfalls/server.py.html");
    expect(await htmlProblemsOf(views)).toEqual([]);
  });
});
