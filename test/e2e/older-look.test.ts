import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.js";
import { writeSite } from "../../src/write/write.js";
import { axeViolations } from "../helpers/axe.js";
import { connectBrowser, describeInBrowser, viewports, themes } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";

/**
 * An older course's home page as its author laid it out: the two columns of
 * its `<div class="row">` side by side on a desktop and one above the other
 * on a phone, its callout set apart, and readable (axe) in both themes.
 * Screenshots go to test/output/older-look/ for a person to look at.
 */

const course = path.join(repoRoot, "test/sites/older-course");
const screenshots = path.join(repoRoot, "test/output/older-look");

let folder: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "lessons-older-look-"));
  const built = await buildSite({ root: course, threads: 0 });
  await writeSite(path.join(folder, "site"), built.files);
  server = await serveFolder(path.join(folder, "site"), "/course/");
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The boxes of the home page's row columns, in the order they are written. */
const columnBoxes = (page: Page) =>
  page.locator(".row > .col-6").evaluateAll((columns) =>
    columns.map((column) => {
      const box = column.getBoundingClientRect();
      return { left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width };
    }),
  );

describeInBrowser("an older course's home page, as its author laid it out", () => {
  for (const theme of themes) {
    it(`puts the row's columns side by side on a desktop and one above the other on a phone (${theme} theme)`, async () => {
      for (const [device, options] of Object.entries(viewports)) {
        const context = await browser.newContext({ ...options, colorScheme: theme });
        try {
          const page = await context.newPage();
          await page.goto(server.url);
          const [chapters, appendices] = await columnBoxes(page);
          expect(chapters && appendices, device).toBeDefined();
          const row = await page.locator(".row").evaluate((element) => element.getBoundingClientRect().width);
          if (device === "desktop") {
            // Side by side: the same top, the appendices to the right, each about half the row.
            expect(appendices!.top).toBeCloseTo(chapters!.top, 0);
            expect(appendices!.left).toBeGreaterThanOrEqual(chapters!.right - 1);
            for (const column of [chapters!, appendices!]) expect(column.width / row).toBeCloseTo(0.5, 1);
          } else {
            // Stacked: the appendices below the chapters, each as wide as the row.
            expect(appendices!.top).toBeGreaterThanOrEqual(chapters!.bottom - 1);
            for (const column of [chapters!, appendices!]) expect(column.width).toBeCloseTo(row, 0);
          }
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(sideways, device).toBe(0);
          const callout = await page.locator("blockquote.callout").evaluate((element) => {
            const style = getComputedStyle(element);
            return {
              border: style.borderLeftStyle,
              background: style.backgroundColor,
              page: getComputedStyle(document.body).backgroundColor,
            };
          });
          expect(callout.border).toBe("solid");
          expect(callout.background).not.toBe(callout.page);
          expect(await axeViolations(page)).toEqual([]);
          const ink = await saveScreenshot(page, page.locator("main"), path.join(screenshots, `home-${device}-${theme}.png`));
          expect(ink).toBeGreaterThan(0.01);
        } finally {
          await context.close();
        }
      }
    });
  }
});

describeInBrowser("a long course title in the header", () => {
  it("shows its main part whole on a phone and on a desktop, and the rest only to screen readers", async () => {
    const root = path.join(folder, "long-title");
    await mkdir(path.join(root, "content/intro"), { recursive: true });
    await writeFile(
      path.join(root, "content/index.md"),
      '---\ntitle: "The Webonomicon: Building Web Applications from First Principles"\n---\n',
    );
    await writeFile(path.join(root, "content/intro/index.md"), "# Introduction\n\nWhere the course starts.\n");
    const site = path.join(folder, "long-title-site");
    await writeSite(site, (await buildSite({ root, threads: 0 })).files);
    const seen: Record<string, { main: string; fits: boolean; restWidth: number } | undefined> = {};
    for (const [device, options] of Object.entries(viewports)) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(site, "intro/index.html")).href);
      const title = page.locator(".site-title");
      expect(await title.getAttribute("href")).toBe("../index.html");
      seen[device] = {
        main: await page.locator(".site-title-main").innerText(),
        fits: await title.evaluate((element) => element.scrollWidth <= element.clientWidth + 1),
        restWidth: await page.locator(".site-title-rest").evaluate((element) => element.getBoundingClientRect().width),
      };
      await context.close();
    }
    for (const device of Object.keys(viewports)) {
      expect(seen[device]?.main, device).toBe("The Webonomicon");
      expect(seen[device]?.fits, device).toBe(true);
      expect(seen[device]?.restWidth, device).toBeLessThanOrEqual(1);
    }
  });
});
