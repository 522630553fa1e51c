import { HtmlValidate, type Message } from "html-validate";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { buildSite } from "../src/pipeline.js";
import type { OutputFile } from "../src/render/output.js";
import { fixturesDir, projectFromFixture, repoRoot } from "./helpers/fixture-project.js";
import { writtenSite } from "./helpers/site-pages.js";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // `<!doctype html>` is as valid as `<!DOCTYPE html>` (the keyword is case-insensitive); templates use lower case.
    "doctype-style": "off",
    // Code is highlighted at build time with shiki's CSS-variables theme: each token is
    // `<span style="color:var(--shiki-token-…)">`, so the light and dark colours come from site.css.
    "no-inline-style": "off",
  },
});

/** Every html-validate problem on every HTML page of a build, one line each. */
async function problemsOf(files: OutputFile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".html") || !("contents" in file) || typeof file.contents !== "string") continue;
    const report = await validator.validateString(file.contents, file.path);
    for (const result of report.results) problems.push(...result.messages.map((message) => describeMessage(file.path, message)));
  }
  return problems;
}

function describeMessage(page: string, message: Message): string {
  return `${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message} (${message.selector ?? "document"})`;
}

/** Fixtures whose expected diagnostics hold no error: their pages are what a successful build writes. */
const cleanFixtures = readdirSync(fixturesDir).filter((name) => {
  const messages = path.join(fixturesDir, name, "messages.txt");
  return !name.startsWith("_") && existsSync(messages) && !/ error /.test(readFileSync(messages, "utf8"));
});

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
    expect(await problemsOf(pages.map((page) => ({ path: page, contents: site.text(page) })))).toEqual([]);
  });

  it("on the redirect pages at the older tool's addresses of an older-layout course", async () => {
    // The course's own pages keep the raw HTML its authors wrote (self-closed `<img/>`, unquoted anchors), valid or not.
    const { files } = await buildSite({ root: path.join(repoRoot, "test/sites/older-course"), threads: 0 });
    const redirects = files.filter((file) => "contents" in file && String(file.contents).includes('http-equiv="refresh"'));
    expect(redirects.map((file) => file.path).sort()).toEqual(["bibliography.html", "glossary.html"]);
    expect(await problemsOf(redirects)).toEqual([]);
  });

  it.each(cleanFixtures)("on every page of the %s fixture", async (name) => {
    const project = projectFromFixture(path.join(fixturesDir, name));
    try {
      expect(await problemsOf((await buildSite({ root: project.root })).files)).toEqual([]);
    } finally {
      project.cleanup();
    }
  });
});
