import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generateCourse } from "../../bench/src/generate-course.js";
import { buildSite } from "../../src/pipeline/build-site.js";
import type { OutputFile } from "../../src/render/output.js";
import { pagesPerPart } from "../../src/render/search-index.js";
import { writeSite } from "../../src/write/write.js";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";

let tempDir: string;
let files: OutputFile[];
let lessons: string[];
let server: StaticServer;
let browser: Browser;
const errors: string[] = [];

/** Words no generated lesson uses, one added to the first lesson and one to the last. */
const firstWord = "xylophonist";
const lastWord = "quixotically";

describeInBrowser("a search index in parts", () => {
  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), "lessons-search-parts-"));
    const root = path.join(tempDir, "course");
    generateCourse(root, { lessons: pagesPerPart + 5, seed: 11, blocksPerLesson: 2 });
    lessons = readdirSync(path.join(root, "content"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const introduce = (lesson: string | undefined, paragraph: string) => {
      const file = path.join(root, "content", lesson ?? "", "index.md");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^## /m, `${paragraph}\n\n## `));
    };
    introduce(lessons[0], `A ${firstWord} opens the first lesson.`);
    introduce(lessons.at(-1), `The last lesson opens, ${lastWord} put.`);
    files = (await buildSite({ root })).files;
    await writeSite(path.join(tempDir, "site"), files);
    server = await serveFolder(path.join(tempDir, "site"), "/course/");
    browser = await connectBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  it("cuts a course with more pages than one part holds into parts, listed for the browser", () => {
    const parts = files.find((file) => file.path === "pagefind/parts.json");
    expect(parts && "contents" in parts ? JSON.parse(String(parts.contents)) : undefined).toEqual(["part-1"]);
    expect(files.map((file) => file.path)).toEqual(
      expect.arrayContaining(["pagefind/pagefind-entry.json", "pagefind/part-1/pagefind-entry.json"]),
    );
  });

  it("finds words of the first and of the last lesson from one search box", async () => {
    for (const [word, lesson] of [
      [firstWord, lessons[0]],
      [lastWord, lessons.at(-1)],
    ]) {
      const page = await browser.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${server.origin}/course/${lessons[1]}/index.html`);
      await page.getByRole("searchbox", { name: "Search the lessons" }).fill(word ?? "");
      const first = page.locator(".search-results > li > a").first();
      await first.waitFor({ timeout: 10_000 });
      expect(await page.locator(".search-results > li").count(), word).toBe(1);
      expect(new URL((await first.getAttribute("href")) ?? "", page.url()).pathname, word).toBe(`/course/${lesson}/index.html`);
      await page.close();
    }
    expect(errors).toEqual([]);
  });
});
