import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RevealApi } from "reveal.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import { buildSite } from "../../src/pipeline/build-site.js";
import { writeSite } from "../../src/write/write.js";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { keepArtifacts, saveScreenshot, settled, unseen } from "../helpers/screenshot.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";

/** The globals of a deck page: reveal.js, and axe-core once a test injects it. */
type DeckWindow = { Reveal: RevealApi; axe: { run(context: Document, options: object): Promise<AxeResults> } };
/** The part of axe-core's results these tests read. */
interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

const screenshots = path.join(repoRoot, "test/output/screenshots");
const notesProject = path.join(repoRoot, "test/sites/slides-notes");
const site = inject("ownSite");

let tmp: string;
let notesServer: StaticServer;
let browser: Browser;

/**
 * A lesson with one section, "HTTP", of 120 lines of Markdown (paragraphs,
 * lists and code blocks: several slides' worth), speaker notes after it, and
 * a section that is one code block taller than a slide.
 */
function longLesson(): string {
  const http: string[] = [];
  for (let block = 0; http.length < 120; block += 1) {
    const kind = block % 4;
    if (kind === 0)
      http.push(`Paragraph ${block}: a request names a method, a path and headers; the server answers with a status, headers and a body.`);
    if (kind === 1)
      http.push(`- status ${block}: whether it worked`, `- headers ${block}: what the body is`, `- body ${block}: what was asked for`);
    if (kind === 2) http.push(`Block ${block + 1} sends six requests, each after the answer to the one before:`);
    if (kind === 3)
      http.push(
        "```python",
        ...Array.from({ length: 6 }, (_, line) => `response_${line} = requests.get("http://example.org/${block}/${line}")`),
        "```",
      );
    http.push("");
  }
  const listing = Array.from({ length: 70 }, (_, line) => `    handle(requests[${line}])  # step ${line + 1}`);
  return [
    "# Talking to Servers",
    "",
    "How programs talk over HTTP.",
    "",
    "## HTTP",
    "",
    ...http,
    "## Timing {: .notes}",
    "",
    "Twenty minutes: go slowly through the code.",
    "",
    "## The Whole Server",
    "",
    "```python",
    "def serve(requests):",
    ...listing,
    "```",
    "",
  ].join("\n");
}

/** Open a deck and wait until slides.js has fitted every slide. */
async function openDeck(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-slides=ready]");
  return page;
}

describeInBrowser("slides in a browser", () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "lessons-slides-"));
    const notes = await buildSite({ root: notesProject });
    expect(notes.messages.filter((message) => message.fatal).map(formatMessageLine)).toEqual([]);
    await writeSite(path.join(tmp, "notes"), notes.files);
    const longProject = path.join(tmp, "long-project");
    await mkdir(path.join(longProject, "content/http"), { recursive: true });
    await writeFile(path.join(longProject, "content/index.md"), "---\ntitle: A Long Lesson\n---\n\nOne lesson with a long section.\n");
    await writeFile(path.join(longProject, "content/http/index.md"), longLesson());
    const essay = Array.from(
      { length: 14 },
      (_, at) => `Paragraph ${at} of a lesson that is text alone, below its title, with no section.`,
    );
    await mkdir(path.join(longProject, "content/essay"));
    await writeFile(path.join(longProject, "content/essay/index.md"), ["# An Essay", ...essay].join("\n\n"));
    const long = await buildSite({ root: longProject });
    expect(long.messages.filter((message) => message.fatal).map(formatMessageLine)).toEqual([]);
    await writeSite(path.join(tmp, "long"), long.files);
    notesServer = await serveFolder(tmp, "/");
    browser = await connectBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await notesServer?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  describe("the virt deck", () => {
    const deckUrl = () => `${site.url}virt/slides.html`;

    it("has a title slide and one slide per section, or several for a long one, each linking back to its section on the page", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await openDeck(context, deckUrl());
      const deck = await page.evaluate(() => {
        const { Reveal } = window as unknown as DeckWindow;
        return {
          title: document.querySelector(".title-slide h1")?.textContent,
          slides: Reveal.getSlides().map((slide) => ({
            section: slide.id || slide.dataset.section || "",
            back: slide.querySelector(".slide-source a")?.getAttribute("href"),
          })),
          asides: [...document.querySelectorAll<HTMLElement>("section.slide.aside")].filter((slide) => slide.id).length,
          exercises: [...document.querySelectorAll("section.slide.exercise[id] h2")].map((heading) => heading.textContent),
        };
      });
      const sections = [...new Set(deck.slides.slice(1).map((slide) => slide.section))];
      expect(sections).toHaveLength(32);
      expect(deck.title).toBe("Virtualization");
      expect(deck.slides[0]).toEqual({ section: "", back: "index.html" });
      for (const slide of deck.slides.slice(1)) expect(slide.back).toBe(`index.html#${slide.section}`);
      expect(deck.asides).toBe(7);
      expect(deck.exercises).toEqual(["Exercise 1.1", "Exercise 1.2: Exericse"]);
      const lessonPage = await readFile(path.join(site.folder, "virt/index.html"), "utf8");
      // The section's id is on its heading on the lesson page, where search results link to it.
      for (const section of sections) expect(lessonPage).toContain(`<h2 id="${section}"`);
      await context.close();
    });

    it("moves with the keyboard and gives every slide its own URL", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await openDeck(context, deckUrl());
      const current = () => page.evaluate(() => (window as unknown as DeckWindow).Reveal.getIndices().h);
      await page.keyboard.press("ArrowRight");
      expect(await current()).toBe(1);
      await expect.poll(() => new URL(page.url()).hash, { timeout: 5_000 }).toBe("#/virtual-environments");
      await page.keyboard.press("Space");
      expect(await current()).toBe(2);
      await page.keyboard.press("End");
      expect(await current()).toBe(await page.evaluate(() => (window as unknown as DeckWindow).Reveal.getTotalSlides() - 1));
      await page.keyboard.press("Home");
      expect(await current()).toBe(0);
      await page.keyboard.press("o");
      expect(await page.evaluate(() => (window as unknown as DeckWindow).Reveal.isOverview())).toBe(true);
      await page.keyboard.press("Escape");
      expect(await page.evaluate(() => (window as unknown as DeckWindow).Reveal.isOverview())).toBe(false);
      await context.close();
    });

    it("opens the slide a URL names, and stays there on reload", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const first = await openDeck(context, deckUrl());
      const tenth = await first.evaluate(() => (window as unknown as DeckWindow).Reveal.getSlides()[9]!.id);
      const page = await openDeck(context, `${deckUrl()}#/${tenth}`);
      const shown = () =>
        page.evaluate(() => {
          const { Reveal } = window as unknown as DeckWindow;
          return { index: Reveal.getIndices().h, id: Reveal.getCurrentSlide().id };
        });
      expect(await shown()).toEqual({ index: 9, id: tenth });
      await page.reload();
      await page.waitForSelector("html[data-slides=ready]");
      expect(await shown()).toEqual({ index: 9, id: tenth });
      await context.close();
    });

    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1024, height: 768 },
    ]) {
      it(`cuts off no slide's content at ${viewport.width}×${viewport.height}: all of it fits, or the slide scrolls to the last line of every code block`, async () => {
        const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
        const page = await openDeck(context, deckUrl());
        const report = await page.evaluate(() => {
          const { Reveal } = window as unknown as DeckWindow;
          const problems: string[] = [];
          const scrolling: string[] = [];
          const within = (inner: DOMRect, outer: { top: number; bottom: number; left: number; right: number }) =>
            inner.top >= outer.top - 1 &&
            inner.bottom <= outer.bottom + 1 &&
            inner.left >= outer.left - 1 &&
            inner.right <= outer.right + 1;
          const lastCharacter = (pre: Element): Range | undefined => {
            const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
            let last: Text | undefined;
            while (walker.nextNode()) if ((walker.currentNode.textContent ?? "").trim()) last = walker.currentNode as Text;
            if (!last) return undefined;
            const end = (last.textContent ?? "").trimEnd().length;
            const range = document.createRange();
            range.setStart(last, end - 1);
            range.setEnd(last, end);
            return range;
          };
          const window_ = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
          Reveal.getSlides().forEach((_, at) => {
            Reveal.slide(at);
            const slide = Reveal.getCurrentSlide();
            const name = slide.id || (slide.dataset.section ? `${slide.dataset.section}/${slide.dataset.part}` : "title");
            const body = slide.querySelector<HTMLElement>(".slide-body");
            if (!body) return problems.push(`${name}: no .slide-body`);
            body.scrollTop = 0;
            const box = body.getBoundingClientRect();
            if (!within(box, window_)) problems.push(`${name}: the slide is not inside the window`);
            const style = getComputedStyle(body);
            const tall = body.scrollHeight > body.clientHeight + 1;
            if (tall) scrolling.push(name);
            if (tall && !/auto|scroll/.test(style.overflowY)) problems.push(`${name}: taller than the slide and cannot scroll`);
            if (body.scrollWidth > body.clientWidth + 1 && !/auto|scroll/.test(style.overflowX))
              problems.push(`${name}: wider than the slide`);
            const scale = box.height / body.clientHeight;
            for (const pre of body.querySelectorAll("pre")) {
              if (pre.scrollWidth > pre.clientWidth + 1 && !/auto|scroll/.test(getComputedStyle(pre).overflowX)) {
                problems.push(`${name}: a code block is wider than the slide and cannot scroll`);
              }
              const range = lastCharacter(pre);
              if (!range) continue;
              const below = range.getBoundingClientRect().bottom - box.bottom;
              if (below > 0) body.scrollTop += Math.ceil(below / scale) + 2;
              const line = range.getBoundingClientRect();
              if (
                !within(new DOMRect(box.left, line.top, 1, line.height), box) ||
                !within(new DOMRect(window_.left, line.top, 1, line.height), window_)
              ) {
                problems.push(`${name}: the last line of a code block cannot be scrolled into view`);
              }
              body.scrollTop = 0;
            }
          });
          return { problems, scrolling };
        });
        expect(report.problems).toEqual([]);
        // The lesson has no block taller than a slide: its long sections go on over further slides instead of scrolling.
        expect(report.scrolling).toEqual([]);
        await context.close();
      });
    }

    it("switches between light and dark with its theme button, whose label says what it will do, and keeps the choice", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "light" });
      const page = await openDeck(context, deckUrl());
      const toggle = page.locator(".deck-theme-toggle");
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      expect(await toggle.textContent()).toBe("Dark theme");
      await toggle.click();
      expect(await background()).not.toBe(light);
      expect(await toggle.textContent()).toBe("Light theme");
      await page.reload();
      await page.waitForSelector("html[data-slides=ready]");
      expect(await background()).not.toBe(light);
      await toggle.click();
      expect(await background()).toBe(light);
      await context.close();
    });

    it("passes axe's WCAG 2.1 AA checks on the title, an aside, an exercise and a code slide, light and dark", async () => {
      const axe = await readFile(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");
      for (const colorScheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme, reducedMotion: "reduce" });
        const page = await openDeck(context, deckUrl());
        await page.addScriptTag({ content: axe });
        for (const id of ["", "common-error-message", "exercises", "actually-installing-software"]) {
          const violations = await page.evaluate(async (id) => {
            const { Reveal } = window as unknown as DeckWindow;
            const { axe } = window as unknown as DeckWindow;
            Reveal.slide(Reveal.getSlides().findIndex((slide) => slide.id === id));
            const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            return results.violations.map(
              (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
            );
          }, id);
          expect(violations, `${colorScheme} ${id || "title"}`).toEqual([]);
        }
        await context.close();
      }
    });

    it("shows the title, a code-heavy slide and the figure slide within a 1280×720 screen, and saves screenshots of them for review", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
      const page = await openDeck(context, deckUrl());
      const figureSlide = (await page.evaluate(() => document.querySelector("figure.figure")?.closest("section.slide")?.id)) ?? "";
      expect(figureSlide).not.toBe("");
      // What a reader must see of each: the title; the heading and the first line of code; the heading, the whole image and its caption.
      for (const [name, id, parts] of [
        ["title", "", ["h1"]],
        ["code", "actually-installing-software", ["h2", "pre .line"]],
        ["figure", figureSlide, ["h2", "figure img", "figcaption"]],
      ] as const) {
        await page.evaluate((id) => {
          const { Reveal } = window as unknown as DeckWindow;
          Reveal.slide(Reveal.getSlides().findIndex((slide) => slide.id === id));
        }, id);
        await settled(page);
        const slide = page.locator("section.slide.present");
        expect(await unseen(slide, [...parts]), name).toEqual([]);
        // No code runs past the slide's right edge, and the figure's image has loaded.
        const clipped = await slide.evaluate(
          (element) => [...element.querySelectorAll("pre")].filter((pre) => pre.getBoundingClientRect().right > window.innerWidth).length,
        );
        expect(clipped, name).toBe(0);
        if (name === "figure")
          expect(await slide.locator("figure img").evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        expect(await saveScreenshot(page, page, path.join(screenshots, `slides-${name}.png`)), name).toBeGreaterThan(0.01);
      }
      await context.close();
    });
  });

  describe("a lesson of one long section", () => {
    const deckUrl = () => `${notesServer.url}long/http/slides.html`;
    /** The slides of the section `key` (its first and its continuations), as `Reveal.getSlides()` indexes. */
    const partsOf = (page: Page, key: string) =>
      page.evaluate(
        (key) =>
          (window as unknown as DeckWindow).Reveal.getSlides()
            .map((slide, at) => ({ at, key: slide.id || slide.dataset.section }))
            .filter((slide) => slide.key === key)
            .map((slide) => slide.at),
        key,
      );
    const shownHeading = (page: Page) =>
      page.evaluate(() => (window as unknown as DeckWindow).Reveal.getCurrentSlide().querySelector("h2")?.textContent ?? "");

    it("goes on over several slides, cut between its blocks, none clipped and none scrolling, with the speaker notes on the first", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
      const lessonPage = await context.newPage();
      await lessonPage.goto(`${notesServer.url}long/http/index.html`);
      const onPage = await lessonPage
        .locator("section.section:has(#http) > :not(.section-heading)")
        .evaluateAll((blocks) => blocks.map((block) => block.textContent?.trim()));
      const page = await openDeck(context, deckUrl());
      const parts = await page.evaluate(
        async (indices) => {
          const { Reveal } = window as unknown as DeckWindow;
          return indices.map((at) => {
            Reveal.slide(at);
            const slide = Reveal.getCurrentSlide();
            const body = slide.querySelector<HTMLElement>(".slide-body")!;
            const box = body.getBoundingClientRect();
            const blocks = [...body.children].slice(1);
            return {
              heading: body.querySelector("h2")?.textContent,
              blocks: blocks.map((block) => block.textContent?.trim()),
              clipped: blocks.filter((block) => block.getBoundingClientRect().bottom > box.bottom + 1).map((block) => block.tagName),
              scrolls: body.scrollHeight > body.clientHeight + 1,
              moreBelow: slide.classList.contains("has-more"),
              notes: Reveal.getSlideNotes(slide) ?? "",
            };
          });
        },
        await partsOf(page, "http"),
      );
      expect(parts.length).toBeGreaterThanOrEqual(3);
      expect(parts.map((part) => part.heading)).toEqual(parts.map((_, at) => `HTTP (${at + 1}/${parts.length})`));
      for (const part of parts) expect(part, part.heading).toMatchObject({ clipped: [], scrolls: false, moreBelow: false });
      // Every block of the section is whole on one of its slides, in the order of the page.
      expect(parts.flatMap((part) => part.blocks)).toEqual(onPage);
      // A paragraph that leads into a code block is not left at the bottom of the slide before it.
      for (const part of parts.slice(0, -1)) expect(part.blocks.at(-1)).not.toMatch(/:$/);
      expect(parts[0]!.notes).toContain("Twenty minutes");
      for (const part of parts.slice(1)) expect(part.notes).toBe("");
      if (keepArtifacts) {
        await page.evaluate((at) => (window as unknown as DeckWindow).Reveal.slide(at), (await partsOf(page, "http"))[1]!);
        await settled(page);
        await saveScreenshot(page, page, path.join(screenshots, "slides-continued.png"));
      }
      await context.close();
    });

    it("shows a code block taller than a slide in smaller type, not below 18px on a 1280×720 screen, and scrolls it, ArrowDown first", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
      const page = await openDeck(context, `${deckUrl()}#/the-whole-server`);
      const slide = () =>
        page.evaluate(() => {
          const { Reveal } = window as unknown as DeckWindow;
          const body = Reveal.getCurrentSlide().querySelector<HTMLElement>(".slide-body")!;
          return {
            id: Reveal.getCurrentSlide().id,
            // reveal.js scales the whole deck to the window: the size a reader sees is the computed size times that scale.
            code:
              (parseFloat(getComputedStyle(body.querySelector("pre")!).fontSize) * body.getBoundingClientRect().width) / body.offsetWidth,
            scrolls: body.scrollHeight > body.clientHeight + 1,
            scrolled: body.scrollTop,
          };
        });
      const before = await slide();
      expect(before).toMatchObject({ id: "the-whole-server", scrolls: true, scrolled: 0 });
      expect(before.code).toBeGreaterThanOrEqual(18);
      expect(before.code).toBeLessThan(19);
      await page.keyboard.press("ArrowDown");
      await expect.poll(async () => (await slide()).scrolled).toBeGreaterThan(100);
      expect((await slide()).id).toBe("the-whole-server");
      await context.close();
    });

    it("gives each of its slides a URL that opens it, #/http for the first and #/http/2 … for the rest, and stays there on reload", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
      const first = await openDeck(context, `${deckUrl()}#/http`);
      const [firstAt, secondAt] = await partsOf(first, "http");
      const total = (await partsOf(first, "http")).length;
      expect(await first.evaluate(() => (window as unknown as DeckWindow).Reveal.getIndices().h)).toBe(firstAt);
      expect(await shownHeading(first)).toBe(`HTTP (1/${total})`);
      const page = await openDeck(context, `${deckUrl()}#/http/2`);
      expect(await page.evaluate(() => (window as unknown as DeckWindow).Reveal.getIndices().h)).toBe(secondAt);
      expect(await shownHeading(page)).toBe(`HTTP (2/${total})`);
      expect(new URL(page.url()).hash).toBe("#/http/2");
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => new URL(page.url()).hash).toBe("#/http/3");
      await page.reload();
      await page.waitForSelector("html[data-slides=ready]");
      expect(await shownHeading(page)).toBe(`HTTP (3/${total})`);
      await page.evaluate(() => (location.hash = "#/http"));
      await expect.poll(() => shownHeading(page)).toBe(`HTTP (1/${total})`);
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => new URL(page.url()).hash).toBe("");
      await context.close();
    });

    it("goes on from the title slide, for a lesson of text alone, over slides named after the lesson, at #/top/2 …", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
      const page = await openDeck(context, `${notesServer.url}long/essay/slides.html#/top/2`);
      const deck = await page.evaluate(() => {
        const { Reveal } = window as unknown as DeckWindow;
        return {
          shown: Reveal.getIndices().h,
          headings: Reveal.getSlides().map((slide) => slide.querySelector(".slide-body > h1, .slide-body > h2")?.textContent),
          paragraphs: Reveal.getSlides().flatMap((slide) =>
            [...slide.querySelectorAll(".slide-body > p:not(.lesson-number, .deck-site)")].map((p) => p.textContent),
          ),
          scrolling: Reveal.getSlides().filter((slide) => {
            const body = slide.querySelector(".slide-body")!;
            return body.scrollHeight > body.clientHeight + 1;
          }).length,
        };
      });
      const total = deck.headings.length;
      expect(total).toBeGreaterThanOrEqual(2);
      expect(deck.headings).toEqual(["An Essay", ...deck.headings.slice(1).map((_, at) => `An Essay (${at + 2}/${total})`)]);
      expect(deck.shown).toBe(1);
      expect(deck.paragraphs).toHaveLength(14);
      expect(deck.scrolling).toBe(0);
      await context.close();
    });

    it("fills a phone's width, with body text of at least 16px", async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        reducedMotion: "reduce",
      });
      const page = await openDeck(context, `${deckUrl()}#/http/2`);
      const shown = await page.evaluate(() => {
        const slide = (window as unknown as DeckWindow).Reveal.getCurrentSlide();
        const box = slide.getBoundingClientRect();
        const scale = box.width / slide.offsetWidth;
        const text = [...slide.querySelectorAll(".slide-body p, .slide-body li")].map(
          (block) => parseFloat(getComputedStyle(block).fontSize) * scale,
        );
        return { left: box.left, right: box.right, smallest: Math.min(...text), texts: text.length };
      });
      expect(shown.texts).toBeGreaterThan(0);
      expect(shown.left).toBeGreaterThanOrEqual(0);
      expect(shown.left).toBeLessThan(20);
      expect(shown.right).toBeLessThanOrEqual(390);
      expect(shown.right).toBeGreaterThan(370);
      expect(shown.smallest).toBeGreaterThanOrEqual(16);
      if (keepArtifacts) await saveScreenshot(page, page, path.join(screenshots, "slides-phone.png"));
      await context.close();
    });

    it("prints the same slides as it shows, with nothing floating over them", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const screen = await openDeck(context, deckUrl());
      const onScreen = await screen.evaluate(() =>
        (window as unknown as DeckWindow).Reveal.getSlides().map(
          (slide) => slide.querySelector(".slide-body > h1, .slide-body > h2")?.textContent,
        ),
      );
      const page = await context.newPage();
      await page.goto(`${deckUrl()}?print-pdf`);
      await page.waitForSelector("html[data-slides=print-ready]");
      const printed = await page.evaluate(() =>
        [...document.querySelectorAll(".pdf-page section.slide")].map(
          (slide) => slide.querySelector(".slide-body > h1, .slide-body > h2")?.textContent,
        ),
      );
      expect(printed).toEqual(onScreen);
      expect(await page.locator(".deck-theme-toggle").isVisible()).toBe(false);
      if (keepArtifacts) await saveScreenshot(page, page, path.join(screenshots, "slides-print-view.png"));
      await context.close();
    });
  });

  describe("the lesson page", () => {
    it("switches to the slide of the section in view with the S key", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`${site.url}virt/index.html`);
      await page.evaluate(() => document.getElementById("docker")?.scrollIntoView());
      await expect.poll(() => page.locator(".slides-switch").getAttribute("href")).toBe("slides.html#/docker");
      await page.keyboard.press("s");
      await page.waitForSelector("html[data-slides=ready]");
      expect(await page.evaluate(() => (window as unknown as DeckWindow).Reveal.getCurrentSlide().id)).toBe("docker");
      await context.close();
    });

    it("has one named slide link beside each section heading, out of sight until hovered or reached with the keyboard, which opens that slide", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${site.url}virt/index.html`);
      const links = page.locator(".section-slide-link");
      const headings = page.locator("article.lesson section.section h2");
      expect(await links.count()).toBe(await headings.count());
      const link = page.getByRole("link", { name: "Show “Docker” as a slide" });
      const opacity = () => link.evaluate((element) => getComputedStyle(element).opacity);
      expect(await opacity()).toBe("0");
      // From the heading, Tab reaches the link, which then shows.
      await page.locator("h2#docker").click();
      await page.keyboard.press("Tab");
      expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await opacity()).toBe("1");
      await page.keyboard.press("Enter");
      await page.waitForSelector("html[data-slides=ready]");
      expect(await page.evaluate(() => (window as unknown as DeckWindow).Reveal.getCurrentSlide().id)).toBe("docker");
      await context.close();
    });

    it("shows the slide links on a touch screen, where there is no hover, each big enough for a finger", async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const page = await context.newPage();
      await page.goto(`${site.url}virt/index.html`);
      const link = page.getByRole("link", { name: "Show “Docker” as a slide" });
      expect(await link.evaluate((element) => getComputedStyle(element).opacity)).toBe("1");
      const box = await link.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(44);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await context.close();
    });
  });

  describe("speaker notes", () => {
    it.each(["http", "file"])("attach to the slide before them and show in the speaker view, with a timer, over %s", async (scheme) => {
      const deckUrl =
        scheme === "http" ? `${notesServer.url}notes/talk/slides.html` : pathToFileURL(path.join(tmp, "notes/talk/slides.html")).href;
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await openDeck(context, `${deckUrl}#/first-point`);
      const deck = await page.evaluate(() => {
        const { Reveal } = window as unknown as DeckWindow;
        return {
          total: Reveal.getTotalSlides(),
          ids: Reveal.getSlides().map((slide) => slide.id),
          title: Reveal.getSlideNotes(Reveal.getSlides()[0]),
          current: Reveal.getSlideNotes(),
        };
      });
      expect(deck.total).toBe(4);
      expect(deck.ids).toEqual(["", "first-point", "second-point", "try-it"]);
      expect(deck.title).toContain("Welcome everyone");
      expect(deck.current).toContain("Spend <em>five minutes</em> here");
      const [speaker] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("s")]);
      await expect.poll(() => speaker.locator(".speaker-controls-notes").innerText(), { timeout: 10_000 }).toContain("five minutes");
      await expect(speaker.locator(".speaker-controls-time").count()).resolves.toBe(1);
      expect(speaker.frames().some((frame) => frame.url().includes("slides.html?receiver"))).toBe(true);
      const coveredSlides = () =>
        speaker.evaluate(() => {
          const labels = [...document.querySelectorAll("#current-slide .label, #upcoming-slide .label, #speaker-layout")]
            .map((label) => label.getBoundingClientRect())
            .filter((box) => box.width > 0);
          const frames = [...document.querySelectorAll<HTMLIFrameElement>("#current-slide iframe, #upcoming-slide iframe")];
          const bodies = frames.map((frame) => {
            const body = frame.contentDocument?.querySelector(".reveal .slides section.present .slide-body");
            if (!body || frame.contentDocument?.documentElement.dataset.slides !== "ready") return undefined;
            const inner = body.getBoundingClientRect();
            const outer = frame.getBoundingClientRect();
            return new DOMRect(outer.left + inner.left, outer.top + inner.top, inner.width, inner.height);
          });
          if (frames.length < 2 || bodies.some((body) => !body)) return undefined;
          const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          return bodies.filter((body) => labels.some((label) => overlap(label, body!))).length;
        });
      // The speaker view's labels ("Upcoming", the layout menu) lie over its frames' top edge, not over the slides in them
      // (checked over HTTP: over file:// the frames are closed to the speaker window's scripts).
      if (scheme === "http") {
        await expect.poll(coveredSlides, { timeout: 10_000 }).toBeDefined();
        expect(await coveredSlides()).toBe(0);
        if (keepArtifacts) await speaker.screenshot({ path: path.join(screenshots, "slides-speaker-view.png") });
      }
      await context.close();
    });
  });
});
