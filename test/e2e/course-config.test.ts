import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.js";
import { writeSite } from "../../src/write/write.js";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { keepArtifacts, saveScreenshot } from "../helpers/screenshot.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";

/**
 * The project's own course with a `lessons.yml` that restyles it (`css:`),
 * gives it a logo and names its repository, served from a sub-path and read
 * in Chromium. With `LESSONS_TEST_ARTIFACTS=1`, a screenshot of the
 * restyled lesson page goes to test/output/course-config/ for a person to
 * look at.
 */

const screenshots = path.join(repoRoot, "test/output/course-config");
const settings = [
  "logo: content/logo.svg",
  "css: [styles/course.css]",
  "repository: { url: https://github.com/example/tools, branch: trunk, path: courses/tools }",
  "",
].join("\n");
/** A restyling a course might do in a few lines: a header colour of its own. */
const stylesheet = ".site-header { background: rgb(10, 80, 60); }\n";
const logo =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="40" height="40"><circle cx="5" cy="5" r="5" fill="orange"/></svg>';

let folder: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "lessons-course-config-"));
  const root = path.join(folder, "course");
  await cp(path.join(repoRoot, "content"), path.join(root, "content"), { recursive: true });
  await cp(path.join(repoRoot, "data-files"), path.join(root, "data-files"), { recursive: true });
  await mkdir(path.join(root, "styles"));
  await writeFile(path.join(root, "styles", "course.css"), stylesheet);
  await writeFile(path.join(root, "content", "logo.svg"), logo);
  await writeFile(path.join(root, "lessons.yml"), settings);
  const built = await buildSite({ root, threads: 0 });
  expect(built.messages.filter((message) => message.fatal)).toEqual([]);
  await writeSite(path.join(folder, "site"), built.files);
  server = await serveFolder(path.join(folder, "site"), "/course/");
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describeInBrowser("a course restyled and branded by its lessons.yml", () => {
  it("shows the course's stylesheet over the built-in one and its logo in the header, on a lesson page and on the home page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      for (const address of ["virt/", ""]) {
        await page.goto(`${server.url}${address}`);
        const header = await page.locator(".site-header").evaluate((element) => getComputedStyle(element).backgroundColor);
        expect(header, address).toBe("rgb(10, 80, 60)");
        const image = page.locator(".site-header img.site-logo");
        await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
        const box = await image.boundingBox();
        expect(box?.height, address).toBeGreaterThan(10);
        expect(box?.height, address).toBeLessThan(60);
      }
      await page.goto(`${server.url}virt/`);
      if (keepArtifacts) await saveScreenshot(page, page, path.join(screenshots, "lesson.png"));
    } finally {
      await page.close();
    }
  });

  it("links each lesson page's \"Edit this page\" to the lesson's file in the repository", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}virt/`);
      const edit = page.getByRole("link", { name: "Edit this page" });
      expect(await edit.getAttribute("href")).toBe("https://github.com/example/tools/edit/trunk/courses/tools/content/virt/index.md");
    } finally {
      await page.close();
    }
  });
});
