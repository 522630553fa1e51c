import { describe, expect, inject, it } from "vitest";
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
});
