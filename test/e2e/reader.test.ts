import { HtmlValidate } from "html-validate";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { axeViolations, loadAxeInto } from "../helpers/axe.js";
import { connectBrowser, describeInBrowser, viewports, themes, type Device, type Theme } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { keepArtifacts } from "../helpers/screenshot.js";
import { writtenSite } from "../helpers/site-pages.js";

/**
 * The project's own site as a reader meets it, on a desktop and on a phone,
 * in both themes: nothing scrolls sideways, "On this page" follows the
 * reading, search opens the section that matched, a tapped glossary term
 * shows its definition on screen, and every page passes axe and
 * html-validate as the browser holds it (after site.js has run).
 * With `LESSONS_TEST_ARTIFACTS=1`, screenshots of each state go to test/output/reader/ for a person to look at.
 */

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  // As in test/html-validity.test.ts: lower-case doctype, and shiki's per-token colour styles; and the
  // browser's serialiser writes every boolean attribute as `hidden=""`, which the page's source does not.
  rules: { "doctype-style": "off", "no-inline-style": "off", "attribute-empty-style": "off" },
});
const screenshots = path.join(repoRoot, "test/output/reader");
const lessonPage = "virt/index.html";
const site = inject("ownSite");

/**
 * Which pages each pass checks with html-validate and axe, and why that is enough. Scripts build the
 * same elements at every width and in both themes (the contents toggle exists on the desktop too; CSS
 * decides what shows), so html-validate reads each page once, on the desktop in the light theme.
 * Colour contrast depends on the theme, and what shows depends on the width: axe checks every page in
 * both themes on the desktop and in the light theme on the phone; in the dark theme on the phone, the
 * lesson page, whose header (the same on every page) and contents toggle are what the phone shows that
 * the desktop does not.
 */
const validatedIn = (device: Device, theme: Theme) => device === "desktop" && theme === "light";
const axeCheckedIn = (device: Device, theme: Theme, file: string) => device === "desktop" || theme === "light" || file === lessonPage;

let pages: string[];
/** The lesson's last section: its heading's id, and a word found in it and nowhere else on the site's pages. */
let lastSection: { id: string; title: string; word: string };
/** A glossary entry's term, and a word that its definition uses and no other entry or page does. */
let glossaryEntry: { term: string; word: string };
let browser: Browser;

/** Words of at least six letters in `text`, lower-cased. */
const wordsOf = (text: string) => new Set(text.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? []);
const textOf = (html: string) =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z]+;/g, " ");

async function readerContext(device: Device, colorScheme: Theme): Promise<BrowserContext> {
  return browser.newContext({ ...viewports[device], colorScheme });
}

const shot = async (page: Page, name: string, fullPage = false) => {
  if (keepArtifacts) await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage });
};
const shotName = (file: string) => file.replace(/\/index\.html$|\.html$/, "").replace(/\//g, "-") || "home";

/** How far the page can scroll sideways, in CSS pixels (0: not at all). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Controls a finger must hit that are smaller than 44 × 44 CSS pixels (WCAG 2.5.5), as
 * `page: text (width × height)`: buttons, and links that stand alone rather than inside running text.
 */
const smallTapTargets = (page: Page, file: string) =>
  page.evaluate((file) => {
    const inText = (element: Element) =>
      element.closest("p, li, dd, td, figcaption, h1, h2, h3") !== null &&
      element.closest("nav, .lesson-card-actions, .back-to-top, .section-slide-link, .lesson-actions") === null;
    // Off to the side (the skip link until focused) or of no size yet (a lazy image not loaded) is nothing to tap.
    const onScreen = (box: DOMRect) => box.right > 0 && box.left < window.innerWidth && box.width > 0 && box.height > 0;
    return [...document.querySelectorAll("button, a[href], input")]
      .filter(
        (element) =>
          element.checkVisibility() && onScreen(element.getBoundingClientRect()) && !(element.tagName === "A" && inText(element)),
      )
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(
        ({ element, box }) =>
          `${file}: ${(element.textContent ?? "").trim().slice(0, 30) || element.tagName} (${Math.round(box.width)} × ${Math.round(box.height)})`,
      );
  }, file);

/** html-validate's problems with the page as the browser holds it, scripts run. */
async function liveHtmlProblems(page: Page, name: string): Promise<string[]> {
  const report = await validator.validateString(await page.content(), name);
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${name}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`),
  );
}

/** The rectangle of `selector`'s first match, and whether it lies wholly inside the viewport. */
const placement = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      const inside = box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
      return { inside, width: box.width, height: box.height, top: box.top };
    });

/** Whether the top edge of `selector` is what the reader sees there, not covered by a header that stays in view. */
const uncovered = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + Math.min(20, box.width / 2), box.top + 2);
    return seen !== null && element.contains(seen);
  });

/** The bottom edge of the header and of anything else stuck to the top of the window across the text. */
const stuckBottom = (page: Page) =>
  page.evaluate(() => {
    const header = document.querySelector(".site-header")?.getBoundingClientRect().bottom ?? 0;
    const bar = document.querySelector("#toc")?.getBoundingClientRect();
    return bar && bar.top <= header + 1 && bar.width > window.innerWidth / 2 ? Math.max(header, bar.bottom) : header;
  });

describeInBrowser("the site as a reader meets it, served under /course/", () => {
  beforeAll(async () => {
    const built = writtenSite(site.folder);
    pages = [...built.paths].filter((file) => file.endsWith(".html")).sort();
    const html = new Map(pages.map((file) => [file, built.text(file)]));
    const lesson = html.get(lessonPage) ?? "";
    const sections = lesson.split(/<section class="section[^"]*">/).slice(1);
    const last = sections.at(-1) ?? "";
    const [, id = "", title = ""] = /<h2 id="([^"]+)">([\s\S]*?)<\/h2>/.exec(last) ?? [];
    const elsewhere = new Set([
      ...wordsOf(textOf(lesson.slice(0, lesson.lastIndexOf(last)))),
      ...[...html]
        .filter(([name]) => name !== lessonPage && !name.endsWith("slides.html"))
        .flatMap(([, page]) => [...wordsOf(textOf(page))]),
    ]);
    const word = [...wordsOf(textOf(last))].find((candidate) => !elsewhere.has(candidate));
    lastSection = { id, title: textOf(title).trim(), word: word ?? "" };
    const glossary = html.get("glossary/index.html") ?? "";
    const entries = glossary
      .split(/<dt /)
      .slice(1)
      .map((entry) => {
        const [term = "", definition = ""] = entry.split("</dt>");
        return { term: textOf(`<dt ${term}`).trim(), words: wordsOf(textOf(definition.replace(/<p class="used-by"[\s\S]*$/, ""))) };
      });
    const otherPages = [...html]
      .filter(([name]) => name !== "glossary/index.html" && !name.endsWith("slides.html"))
      .flatMap(([, page]) => [...wordsOf(textOf(page))]);
    glossaryEntry = { term: "", word: "" };
    for (const entry of entries) {
      const others = new Set([...otherPages, ...entries.filter((other) => other !== entry).flatMap((other) => [...other.words])]);
      const unique = [...entry.words].find((candidate) => !others.has(candidate));
      if (unique) {
        glossaryEntry = { term: entry.term, word: unique };
        break;
      }
    }
    browser = await connectBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("finds a word that only the lesson's last section uses, to search for", () => {
    expect(lastSection.id).not.toBe("");
    expect(lastSection.word).not.toBe("");
  });

  it("finds a word that only one glossary definition uses, to search for", () => {
    expect(glossaryEntry.term).not.toBe("");
    expect(glossaryEntry.word).not.toBe("");
  });

  it("indexes code blocks without their file name run into their first line, so excerpts read cleanly", async () => {
    const context = await readerContext("desktop", "light");
    const page = await context.newPage();
    await page.goto(`${site.url}${lessonPage}`);
    const { joined, content } = await page.evaluate(async (word) => {
      // The file name, then the code, as one would read them with the space between the caption and the block lost.
      const joined = [...document.querySelectorAll("figure.data-file")].map((figure) =>
        `${figure.querySelector("figcaption a")?.textContent ?? ""}${figure.querySelector("pre")?.textContent ?? ""}`
          .replace(/\s+/g, "")
          .slice(0, 40),
      );
      // A dynamic import written as code would be rewritten by the test runner; the page must run its own.
      const load = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;
      const pagefind = (await load(new URL("../pagefind/pagefind.js", location.href).href)) as {
        search(query: string): Promise<{ results: { data(): Promise<{ url: string; content: string }> }[] }>;
      };
      const pages = await Promise.all((await pagefind.search(word)).results.map((result) => result.data()));
      return { joined, content: pages.find((found) => found.url.endsWith("virt/index.html"))?.content.replace(/\s+/g, "") ?? "" };
    }, lastSection.word);
    await context.close();
    expect(joined.length).toBeGreaterThan(10);
    expect(content.length).toBeGreaterThan(1000);
    expect(joined.filter((text) => content.includes(text))).toEqual([]);
  });

  it("opens a figure full size when it is clicked", async () => {
    const context = await readerContext("desktop", "light");
    const page = await context.newPage();
    await page.goto(`${site.url}${lessonPage}`);
    const image = page.locator("figure.figure img").first();
    const source = await image.evaluate((element) => (element as HTMLImageElement).src);
    await image.scrollIntoViewIfNeeded();
    await image.click();
    await page.waitForURL(source);
    expect(await page.evaluate(() => document.contentType)).toBe("image/svg+xml");
    await context.close();
  });

  for (const device of Object.keys(viewports) as Device[]) {
    for (const theme of themes) {
      const label = `${device}, ${theme}`;

      it(`(${label}) scrolls no page sideways, and its pages pass axe (WCAG 2.1 AA) and html-validate after their scripts ran`, async () => {
        const context = await readerContext(device, theme);
        await loadAxeInto(context);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
        const overflow: string[] = [];
        const violations: string[] = [];
        const invalid: string[] = [];
        const small: string[] = [];
        for (const file of pages) {
          await page.goto(`${site.url}${file}`);
          const sideways = await sidewaysScroll(page);
          if (sideways > 0) overflow.push(`${file}: ${sideways}px`);
          if (device === "phone" && !file.endsWith("slides.html")) small.push(...(await smallTapTargets(page, file)));
          await shot(page, `page-${shotName(file)}-${device}-${theme}`);
          if (file.endsWith("slides.html")) continue;
          if (validatedIn(device, theme)) invalid.push(...(await liveHtmlProblems(page, file)));
          if (axeCheckedIn(device, theme, file)) violations.push(...(await axeViolations(page)));
        }
        await context.close();
        expect(pages.length).toBeGreaterThan(5);
        expect({ overflow, violations, invalid, errors, small }).toEqual({
          overflow: [],
          violations: [],
          invalid: [],
          errors: [],
          small: [],
        });
      });

      it(`(${label}) keeps "On this page" in reach while scrolling, marking the section being read`, async () => {
        const context = await readerContext(device, theme);
        const page = await context.newPage();
        await page.goto(`${site.url}${lessonPage}`);
        const headings = await page
          .locator("article.lesson section > .section-heading > h2[id]")
          .evaluateAll((elements) => elements.map((element) => element.id));
        expect(headings.length).toBeGreaterThan(10);
        const target = headings[Math.floor(headings.length / 2)] ?? "";
        // Scroll as a reader does, with the wheel, until the middle section's heading is just below the header.
        for (let step = 0; step < 400; step += 1) {
          const top = await page.locator(`[id="${target}"]`).evaluate((element) => element.getBoundingClientRect().top);
          const below = await stuckBottom(page);
          if (top < below + 60) break;
          await page.mouse.wheel(0, Math.min(600, top - below - 30));
          await page.evaluate(() => new Promise(requestAnimationFrame));
        }
        expect(await uncovered(page, `[id="${target}"]`)).toBe(true);
        await page.waitForFunction((id) => document.querySelector(`#toc a[aria-current]`)?.getAttribute("href") === `#${id}`, target, {
          timeout: 5000,
        });
        const toc = await placement(page, "#toc");
        expect(toc.inside).toBe(true);
        expect(await page.locator("#toc").isVisible()).toBe(true);
        expect(await page.locator(".site-header").evaluate((header) => header.getBoundingClientRect().top)).toBe(0);
        if (device === "desktop") {
          expect(await page.locator("#toc a[aria-current]").isVisible()).toBe(true);
          await shot(page, `contents-${device}-${theme}`);
        } else {
          const toggle = page.locator(".toc-toggle");
          expect(await toggle.isVisible()).toBe(true);
          expect(await toggle.textContent()).toContain(await page.locator(`[id="${target}"]`).textContent());
          expect(await page.locator(".site-header").evaluate((header) => header.getBoundingClientRect().height)).toBeLessThanOrEqual(64);
          await shot(page, `contents-${device}-${theme}`);
          await toggle.tap();
          const marked = page.locator("#toc a[aria-current]");
          await marked.waitFor();
          expect((await placement(page, "#toc a[aria-current]")).inside).toBe(true);
          await shot(page, `contents-open-${device}-${theme}`);
          await page.keyboard.press("Escape");
          expect(await marked.isVisible()).toBe(false);
        }
        await context.close();
      });

      it(`(${label}) opens the lesson's last section from a search for a word only it uses${device === "desktop" ? ", with results that pass axe" : ""}`, async () => {
        const context = await readerContext(device, theme);
        const page = await context.newPage();
        await page.goto(site.url);
        const focused = () => page.evaluate(() => document.activeElement?.id);
        if (device === "desktop") {
          await page.keyboard.press("Control+K");
          expect(await focused()).toBe("search-input");
          await page.locator("main h1").click();
          expect(await focused()).not.toBe("search-input");
          await page.keyboard.press("/");
        } else {
          await page.getByRole("searchbox", { name: "Search the lessons" }).tap();
        }
        expect(await focused()).toBe("search-input");
        expect(await page.locator("#search-input").inputValue()).toBe("");
        await page.keyboard.type(lastSection.word);
        const first = page.locator(".search-results > li > a").first();
        await first.waitFor({ timeout: 10_000 });
        expect(await first.textContent()).toBe(lastSection.title);
        // Where the hit is comes first: the lesson's number and title.
        expect(await page.locator(".search-results > li > .search-page").first().textContent()).toBe("Lesson 1 · Virtualization");
        expect((await page.locator(".search-results > li p mark").first().textContent())?.toLowerCase()).toContain(lastSection.word);
        expect(await sidewaysScroll(page)).toBe(0);
        expect((await placement(page, ".search-panel")).inside).toBe(true);
        await shot(page, `search-${device}-${theme}`);
        // The open panel's colours are the theme's, and its results are links and marks of their own: axe checks them.
        if (device === "desktop") expect(await axeViolations(page)).toEqual([]);
        if (device === "desktop") await first.click();
        else await first.tap();
        await page.waitForURL(`${site.url}${lessonPage}#${lastSection.id}`);
        const heading = page.locator(`[id="${lastSection.id}"]`);
        await page.waitForFunction(
          (id) => {
            const box = document.getElementById(id)?.getBoundingClientRect();
            return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
          },
          lastSection.id,
          { timeout: 5000 },
        );
        // Not hidden under the header that stays in view.
        expect(await uncovered(page, `[id="${lastSection.id}"]`)).toBe(true);
        expect(await heading.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThanOrEqual(await stuckBottom(page));
        await shot(page, `search-opened-${device}-${theme}`);
        await context.close();
      });

      it(`(${label}) names a glossary hit by its term, “Glossary: term”, and opens that entry`, async () => {
        const context = await readerContext(device, theme);
        const page = await context.newPage();
        await page.goto(`${site.url}${lessonPage}`);
        await page.getByRole("searchbox", { name: "Search the lessons" }).fill(glossaryEntry.word);
        const first = page.locator(".search-results > li").first();
        await first.locator("a").first().waitFor({ timeout: 10_000 });
        const firstLine = await first.evaluate((item) => item.firstElementChild?.textContent);
        expect(firstLine).toBe(`Glossary: ${glossaryEntry.term}`);
        expect((await first.locator("p mark").first().textContent())?.toLowerCase()).toContain(glossaryEntry.word);
        expect((await placement(page, ".search-panel")).inside).toBe(true);
        await shot(page, `search-glossary-${device}-${theme}`);
        if (device === "desktop") await first.locator("a").first().click();
        else await first.locator("a").first().tap();
        await page.waitForURL(/\/glossary\/(index\.html)?#/);
        expect(await page.evaluate(() => document.querySelector(":target")?.textContent)).toBe(glossaryEntry.term);
        await context.close();
      });

      it(`(${label}) shows a glossary term's definition inside the screen, ${device === "phone" ? "on a tap, and closes it on Escape or a tap outside" : "on hover"}`, async () => {
        const context = await readerContext(device, theme);
        const page = await context.newPage();
        await page.goto(`${site.url}${lessonPage}`);
        // The term furthest to the right is the one most likely to push its definition off the screen.
        const terms = page.locator("article a.glossary-term[data-definition]");
        const rightmost = await terms.evaluateAll((links) => {
          let best = 0;
          links.forEach((link, at) => {
            if (link.getBoundingClientRect().right > (links[best]?.getBoundingClientRect().right ?? 0)) best = at;
          });
          return best;
        });
        const term = terms.nth(rightmost);
        const definition = (await term.getAttribute("data-definition")) ?? "";
        expect(definition).toMatch(/^[^:]+: \S/);
        await term.scrollIntoViewIfNeeded();
        if (device === "phone") {
          const before = page.url();
          await term.tap();
          const popover = page.locator(".glossary-popover");
          await popover.waitFor();
          expect(page.url()).toBe(before);
          expect(await popover.locator("p").textContent()).toBe(definition);
          expect((await placement(page, ".glossary-popover")).inside).toBe(true);
          expect(await sidewaysScroll(page)).toBe(0);
          await shot(page, `glossary-${device}-${theme}`);
          await page.keyboard.press("Escape");
          expect(await popover.isVisible()).toBe(false);
          await term.tap();
          await popover.waitFor();
          await page.touchscreen.tap(195, 800);
          expect(await popover.isVisible()).toBe(false);
        } else {
          await term.hover();
          const tooltip = await term.evaluate((element) => {
            const style = getComputedStyle(element, "::after");
            return { content: style.content, display: style.display };
          });
          expect(tooltip.content).toBe(JSON.stringify(definition));
          expect(await sidewaysScroll(page)).toBe(0);
          await shot(page, `glossary-${device}-${theme}`);
        }
        const listed = page.locator("#terms a.glossary-term").first();
        expect(await listed.getAttribute("data-definition")).toMatch(new RegExp(`^${(await listed.textContent()) ?? ""}: \\S`, "i"));
        await context.close();
      });
    }
  }
});
