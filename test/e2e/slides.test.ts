import { mkdtemp, readFile, rm } from "node:fs/promises";
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

    it("has a title slide and one slide per section, each linking back to its section on the page", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await openDeck(context, deckUrl());
      const deck = await page.evaluate(() => {
        const { Reveal } = window as unknown as DeckWindow;
        return {
          total: Reveal.getTotalSlides(),
          title: document.querySelector(".title-slide h1")?.textContent,
          slides: Reveal.getSlides().map((slide) => ({ id: slide.id, back: slide.querySelector(".slide-source a")?.getAttribute("href") })),
          asides: document.querySelectorAll("section.slide.aside").length,
          exercises: [...document.querySelectorAll("section.slide.exercise h2")].map((heading) => heading.textContent),
        };
      });
      expect(deck.total).toBe(33);
      expect(deck.title).toBe("Virtualization");
      expect(deck.slides[0]).toEqual({ id: "", back: "index.html" });
      for (const slide of deck.slides.slice(1)) expect(slide.back).toBe(`index.html#${slide.id}`);
      expect(deck.asides).toBe(7);
      expect(deck.exercises).toEqual(["Exercise 1.1", "Exercise 1.2: Exericse"]);
      const lessonPage = await readFile(path.join(site.folder, "virt/index.html"), "utf8");
      // The section's id is on its heading on the lesson page, where search results link to it.
      for (const slide of deck.slides.slice(1)) expect(lessonPage).toContain(`<h2 id="${slide.id}"`);
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
      expect(await current()).toBe(32);
      await page.keyboard.press("Home");
      expect(await current()).toBe(0);
      // On a slide taller than the deck, ArrowDown scrolls it before moving on.
      await page.evaluate(() => {
        const { Reveal } = window as unknown as DeckWindow;
        Reveal.slide(Reveal.getSlides().findIndex((slide) => slide.id === "actually-installing-software"));
      });
      const scrolled = () =>
        page.evaluate(() => (window as unknown as DeckWindow).Reveal.getCurrentSlide().querySelector(".slide-body")!.scrollTop);
      expect(await scrolled()).toBe(0);
      await page.keyboard.press("ArrowDown");
      await expect.poll(scrolled).toBeGreaterThan(100);
      expect(await current()).toBe(20);
      await page.keyboard.press("Home");
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
            const name = slide.id || "title";
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
        // The lesson's longest transcripts do not fit on one slide even with smaller code: they scroll.
        expect(report.scrolling).toContain("actually-installing-software");
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
