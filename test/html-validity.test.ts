import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
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

  it("on every page of a course that sets every key of lessons.yml", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "lessons-valid-config-"));
    try {
      cpSync(path.join(repoRoot, "content"), path.join(root, "content"), { recursive: true });
      cpSync(path.join(repoRoot, "data-files"), path.join(root, "data-files"), { recursive: true });
      writeFileSync(path.join(root, "content", "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
      writeFileSync(path.join(root, "course.css"), "body { letter-spacing: 0.01em; }\n");
      writeFileSync(
        path.join(root, "lessons.yml"),
        [
          "title: Research Software Tools",
          "url: https://example.org/tools/",
          "lang: en-GB",
          "repository: https://github.com/example/tools",
          "logo: content/logo.svg",
          'footer: "© 2025 the authors. [CC-BY 4.0](https://creativecommons.org/licenses/by/4.0/), [licence](LICENSE.html)."',
          "css: course.css",
          "",
        ].join("\n"),
      );
      const { files, messages } = await buildSite({ root, threads: 0 });
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(["404.html", "sitemap.xml", "logo.svg", "course.css"]));
      expect(await htmlProblemsOf(files)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("on the view page of each file of the course in the older layout", async () => {
    const { files } = await buildSite({ root: path.join(repoRoot, "test/sites/older-course"), threads: 0 });
    const paths = new Set(files.map((file) => file.path));
    const views = files.filter((file) => paths.has(file.path.replace(/\.html$/, "")));
    expect(views.map((file) => file.path)).toContain("03_pitfalls/server.py.html");
    expect(await htmlProblemsOf(views)).toEqual([]);
  });
});
