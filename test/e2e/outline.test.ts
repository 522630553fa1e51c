import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generateCourse } from "../../bench/src/generate-course.js";
import { buildSite } from "../../src/pipeline/build-site.js";
import { writeSite } from "../../src/write/write.js";
import { axeViolations } from "../helpers/axe.js";
import { connectBrowser, describeInBrowser, viewports, themes, type Device } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { keepArtifacts } from "../helpers/screenshot.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";

/**
 * The course outline as a reader uses it, on a desktop and on a phone, in
 * both themes: every page but the decks lists the lessons and then the
 * appendices with the current one marked and in view, beside the text on a
 * desktop and in the menu's drawer on a phone; the last lesson is one click
 * away on a desktop and two taps on a phone; the drawer shuts out the page
 * behind it until Escape closes it; and printing leaves the outline out.
 * With `LESSONS_TEST_ARTIFACTS=1`, screenshots go to test/output/outline/.
 */

const screenshots = path.join(repoRoot, "test/output/outline");

/** One page of each kind an older course has, and the lesson its outline marks (by its label), if any. */
const olderPages = [
  { kind: "home", file: "index.html", current: undefined },
  { kind: "lesson", file: "02_procs/index.html", current: "2" },
  { kind: "appendix", file: "04_setup/index.html", current: "A" },
  { kind: "glossary", file: "glossary/index.html", current: undefined },
  { kind: "bibliography", file: "bibliography/index.html", current: undefined },
  { kind: "exercises", file: "exercises/index.html", current: undefined },
  { kind: "root page", file: "license.html", current: undefined },
  { kind: "file view", file: "01_files/list.py.html", current: "1" },
] as const;

let work: string;
let older: StaticServer;
let long: StaticServer;
/** The generated course's lessons in outline order: the numbered ones, then the appendices. */
let longSlugs: { lessons: string[]; appendices: string[] };
let browser: Browser;

async function builtAndServed(root: string, name: string): Promise<StaticServer> {
  const built = await buildSite({ root, threads: 0 });
  expect(built.messages.filter((message) => message.fatal).map(String)).toEqual([]);
  await writeSite(path.join(work, name), built.files);
  return serveFolder(path.join(work, name), "/course/");
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "lessons-outline-"));
  older = await builtAndServed(path.join(repoRoot, "test/sites/older-course"), "older");
  // A long course, as a reader of a whole term has it: 26 lessons and 2 appendices, more than a window shows.
  const root = path.join(work, "long-course");
  const { slugs } = generateCourse(root, { lessons: 28, seed: 11, blocksPerLesson: 4 });
  longSlugs = { lessons: slugs.slice(0, 26), appendices: slugs.slice(26) };
  const home = path.join(root, "content", "index.md");
  writeFileSync(home, readFileSync(home, "utf8").replace(/\n---\n/, `\nappendices: [${longSlugs.appendices.join(", ")}]\n---\n`));
  long = await builtAndServed(root, "long");
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
  await older?.close();
  await long?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const contextFor = (device: Device, theme: string): Promise<BrowserContext> =>
  browser.newContext({ ...viewports[device], colorScheme: theme as "light" | "dark" });

const shot = async (page: Page, name: string) => {
  if (keepArtifacts) await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
};

/** The outline's entries as a reader sees them ("1 Files and Directories"), and which one is marked as the current page. */
const outlineEntries = (page: Page) =>
  page.locator("#outline a").evaluateAll((links) => ({
    entries: links.map((link) => (link.textContent ?? "").replace(/\s+/g, " ").trim()),
    headings: [...document.querySelectorAll("#outline h2")].map((heading) => heading.textContent),
    current: links
      .filter((link) => link.getAttribute("aria-current") !== null)
      .map((link) => link.querySelector(".outline-label")?.textContent),
    currentPage: links.some((link) => link.getAttribute("aria-current") === "page"),
  }));

/** Whether `selector` is shown wholly inside the window, and not covered where it starts. */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside = box.width > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    const seen = document.elementFromPoint(box.left + Math.min(12, box.width / 2), box.top + box.height / 2);
    return inside && seen !== null && element.contains(seen);
  });

/** How far the page's layout moved after it was first painted: the sum of the browser's layout-shift scores. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          resolve(list.getEntries().reduce((sum, entry) => sum + (entry as unknown as { value: number }).value, 0));
        }).observe({ type: "layout-shift", buffered: true });
        // With no shift at all the observer is never called: one frame later, nothing moved.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(0)));
      }),
  );

/** Open the phone's drawer with the menu button, and wait for the outline in it. */
async function openDrawer(page: Page) {
  const button = page.getByRole("button", { name: "Menu" });
  await button.tap();
  await page.locator("#outline").waitFor();
  expect(await button.getAttribute("aria-expanded")).toBe("true");
}

describeInBrowser("the course outline", () => {
  for (const device of Object.keys(viewports) as Device[]) {
    for (const theme of themes) {
      const label = `${device}, ${theme}`;

      it(`(${label}) is on every kind of page, lessons then appendices, the current lesson marked and in view, and passes axe`, async () => {
        const context = await contextFor(device, theme);
        const page = await context.newPage();
        const seen: Record<string, unknown> = {};
        const expected: Record<string, unknown> = {};
        const violations: string[] = [];
        for (const { kind, file, current } of olderPages) {
          await page.goto(`${older.url}${file}`);
          if (device === "desktop") expect(await page.locator("#outline").isVisible(), kind).toBe(true);
          else {
            expect(await page.locator("#outline").isVisible(), kind).toBe(false);
            await openDrawer(page);
          }
          const outline = await outlineEntries(page);
          seen[kind] = { ...outline, marked: current ? await inView(page, "#outline a[aria-current]") : undefined };
          expected[kind] = {
            entries: ["1 Files and Directories", "2 Processes", "3 Pitfalls of an Older Course", "A Setting Up"],
            headings: ["Lessons", "Appendices"],
            current: current ? [current] : [],
            currentPage: kind === "lesson" || kind === "appendix",
            marked: current ? true : undefined,
          };
          violations.push(...(await axeViolations(page)));
          await shot(page, `${kind.replace(" ", "-")}-${device}-${theme}`);
        }
        await context.close();
        expect(seen).toEqual(expected);
        expect(violations).toEqual([]);
      });

      it(`(${label}) leads from the first lesson to the last in ${device === "desktop" ? "one click" : "two taps"}, marking it and keeping it in view`, async () => {
        const context = await contextFor(device, theme);
        const page = await context.newPage();
        await page.goto(`${long.url}${longSlugs.lessons[0]}/index.html`);
        if (device === "desktop") expect(await layoutShift(page)).toBeLessThan(0.01);
        expect((await outlineEntries(page)).entries).toHaveLength(28);
        const last = page.locator("#outline a").nth(25);
        expect(await last.locator(".outline-label").textContent()).toBe("26");
        if (device === "desktop") await last.click();
        else {
          await openDrawer(page);
          await last.tap();
        }
        await page.waitForURL(`${long.url}${longSlugs.lessons[25]}/index.html`);
        if (device === "phone") await openDrawer(page);
        const marked = page.locator('#outline a[aria-current="page"]');
        expect(await marked.locator(".outline-label").textContent()).toBe("26");
        expect(await inView(page, '#outline a[aria-current="page"]')).toBe(true);
        await shot(page, `last-lesson-${device}-${theme}`);
        await context.close();
      });
    }
  }

  it("opens on a phone as a drawer that shuts out the page behind it, and Escape closes it and gives the button focus back", async () => {
    const context = await contextFor("phone", "light");
    const page = await context.newPage();
    await page.goto(`${long.url}${longSlugs.lessons[0]}/index.html`);
    const button = page.getByRole("button", { name: "Menu" });
    expect(await button.getAttribute("aria-controls")).toBe("site-drawer");
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    // What follows the button is the drawer: the menu, then the outline; the page behind is out of reach.
    const reached: string[] = [];
    for (let step = 0; step < 6; step += 1) {
      await page.keyboard.press("Tab");
      reached.push(await page.evaluate(() => document.activeElement?.closest("#site-drawer, main, footer, search")?.localName ?? "other"));
    }
    expect(new Set(reached)).toEqual(new Set(["div"]));
    expect(await page.locator("main").evaluate((main) => (main as HTMLElement).inert)).toBe(true);
    await page.keyboard.press("Escape");
    expect(await page.locator("#outline").isVisible()).toBe(false);
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("menu-toggle"))).toBe(true);
    expect(await page.locator("main").evaluate((main) => (main as HTMLElement).inert)).toBe(false);
    await context.close();
  });

  it("is left out when a page is printed", async () => {
    const context = await contextFor("desktop", "light");
    const page = await context.newPage();
    await page.goto(`${long.url}${longSlugs.lessons[0]}/index.html`);
    expect(await page.locator("#outline").isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#outline").isVisible()).toBe(false);
    expect(await page.locator("main h1").isVisible()).toBe(true);
    await context.close();
  });
});
