import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RevealApi } from "reveal.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { saveScreenshot, settled, unseen } from "../helpers/screenshot.js";
import { writtenSite } from "../helpers/site-pages.js";

const run = promisify(execFile);
const output = path.join(repoRoot, "test/output/print");
const { folder: site, url: siteUrl } = inject("ownSite");

let tmp: string;
let browser: Browser;
/** The lessons of the project's own site, by slug: each has a page and a deck. */
let lessons: string[];

/** Text compared without its whitespace: a printed line may wrap anywhere, and pdftotext lays text out its own way. */
function squeezed(text: string): string {
  return text.replace(/\s+/g, "");
}

async function builtPage(name: string): Promise<Root> {
  return fromHtml(await readFile(path.join(site, name), "utf8"));
}

/** The lines of every code block in `tree`, without blank ones. */
function codeLines(tree: Root | Element): string[] {
  return (selectAll("pre code", tree) as Element[]).flatMap((code) =>
    toString(code)
      .split("\n")
      .filter((line) => line.trim() !== ""),
  );
}

const blocks = new Set(["p", "h1", "h2", "h3", "h4", "li", "dt", "dd", "th", "td", "figcaption", "summary", "pre"]);

/** The text of each block of `element` (a paragraph, a list item without its sub-list, each line of code), as a reader sees them. */
function blockTexts(element: Element): string[] {
  const texts: string[] = [];
  const visit = (node: Element) => {
    if (node.tagName === "pre") {
      texts.push(...codeLines(node));
      return;
    }
    let own = "";
    for (const child of node.children) {
      if (child.type === "text") own += child.value;
      else if (child.type === "element" && !isHidden(child)) {
        if (blocks.has(child.tagName) || containsBlock(child)) visit(child);
        else own += visibleText(child);
      }
    }
    if (own.trim() !== "") texts.push(own.trim());
  };
  visit(element);
  return texts;
}

function containsBlock(node: ElementContent): boolean {
  return (
    node.type === "element" &&
    node.children.some((child) => child.type === "element" && (blocks.has(child.tagName) || containsBlock(child)))
  );
}

/** Speaker notes, hidden buttons and text for screen readers only are not part of what a slide shows. */
function isHidden(node: Element): boolean {
  const className = node.properties.className;
  if (node.properties.hidden) return true;
  return Array.isArray(className) && (className.includes("notes") || className.includes("visually-hidden"));
}

function visibleText(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element" || isHidden(node)) return "";
  return node.children.map(visibleText).join("");
}

async function pdfText(file: string): Promise<string> {
  // -layout: the text line by line as on paper, where the default reading order splits columns of output apart.
  const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The mean brightness (0 black to 255 white) of each page of a PDF, rendered in grey at a low resolution. */
async function pageBrightness(file: string, name: string): Promise<number[]> {
  const folder = await mkdtemp(path.join(tmp, "pages-"));
  await run("pdftoppm", ["-gray", "-r", "24", file, path.join(folder, "page")]);
  const pages = (await readdir(folder)).filter((page) => page.endsWith(".pgm")).sort();
  // Pages as PNG, for a person to look at.
  await run("pdftoppm", ["-png", "-r", "40", file, path.join(output, name)]);
  return Promise.all(
    pages.map(async (page) => {
      const data = await readFile(path.join(folder, page));
      // Binary PGM: "P5", width, height, maximum value, each followed by one whitespace, then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.toString("latin1", 0, 64));
      if (!header) throw new Error(`${page} is not a binary PGM`);
      const pixels = data.subarray(header[0].length);
      return pixels.reduce((sum, value) => sum + value, 0) / pixels.length;
    }),
  );
}

/** A browser context whose reader chose the dark theme: printing must not follow it. */
async function darkContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, colorScheme: "dark", reducedMotion: "reduce" });
  await context.addInitScript(() => localStorage.setItem("lessons-theme", "dark"));
  return context;
}

function missingFrom(text: string, lines: string[]): string[] {
  const printed = squeezed(text);
  return lines.filter((line) => !printed.includes(squeezed(line)));
}

/** The globals of a deck page. */
type DeckWindow = { Reveal: RevealApi };

async function openDeck(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-slides=ready]");
  return page;
}

describeInBrowser("the project's own site on paper and on slides", () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "lessons-print-"));
    lessons = [...writtenSite(site).paths].flatMap((file) => (file.endsWith("/slides.html") ? [path.posix.dirname(file)] : [])).sort();
    browser = await connectBrowser();
    await mkdir(output, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  describe("printing", () => {
    it("a lesson page prints every line of its code, on light pages, without the screen's navigation", async () => {
      expect(lessons.length).toBeGreaterThan(0);
      for (const lesson of lessons) {
        const built = await builtPage(`${lesson}/index.html`);
        const expected = codeLines(built);
        expect(expected.length).toBeGreaterThan(0);
        // Paper cannot be clicked: the address of every link out of the site is printed.
        const external = (selectAll("main a[href^='http']", built) as Element[]).map((link) => String(link.properties.href));
        const context = await darkContext({ width: 1280, height: 800 });
        const page = await context.newPage();
        await page.goto(`${siteUrl}${lesson}/index.html`);
        const file = path.join(output, `${lesson}-page.pdf`);
        await writeFile(file, await page.pdf({ format: "A4", printBackground: true }));
        await context.close();
        const text = await pdfText(file);
        expect(missingFrom(text, expected)).toEqual([]);
        expect(missingFrom(text, external)).toEqual([]);
        // A heading is never the last thing on a page, away from what it introduces.
        const headings = new Set((selectAll("main h2, main h3", built) as Element[]).map((heading) => squeezed(toString(heading))));
        const stranded = text
          .split("\f")
          .slice(0, -1)
          .map((sheet) => squeezed(sheet.trimEnd().split("\n").at(-1) ?? ""))
          .filter((last) => headings.has(last));
        expect(stranded).toEqual([]);
        expect(text).not.toContain("View as slides");
        expect(text).not.toContain("as a slide");
        const brightness = await pageBrightness(file, `${lesson}-page`);
        expect(brightness.filter((mean) => mean < 128)).toEqual([]);
        // No blank page at the end: the last page has something on it.
        expect(brightness.at(-1)).toBeLessThan(254.5);
      }
    });

    it("a deck printed with ?print-pdf keeps every line of every slide, continuing long slides on the next page, on light pages", async () => {
      for (const lesson of lessons) {
        const deck = await builtPage(`${lesson}/slides.html`);
        const slides = selectAll("section.slide", deck) as Element[];
        const expected = slides.flatMap((slide) => blockTexts(slide));
        expect(expected.length).toBeGreaterThan(slides.length);
        const context = await darkContext({ width: 1280, height: 720 });
        const page = await context.newPage();
        await page.goto(`${siteUrl}${lesson}/slides.html?print-pdf`);
        await page.waitForSelector("html[data-slides=print-ready]");
        const printView = await page.evaluate(() => {
          const sheets = [...document.querySelectorAll(".pdf-page")];
          return {
            continued: document.querySelectorAll("section.slide.continues").length,
            // Content that reaches past its page would be cut off on paper.
            cut: sheets.flatMap((sheet) => {
              const last = sheet.querySelector(".slide-body")?.lastElementChild?.getBoundingClientRect();
              return last && last.bottom > sheet.getBoundingClientRect().bottom + 1 ? [sheet.querySelector("section")?.id] : [];
            }),
            shrunk: [...document.querySelectorAll<HTMLElement>(".slide-body")].flatMap((body) =>
              getComputedStyle(body).transform === "none" ? [] : [body.parentElement?.id],
            ),
            smallCode: [...document.querySelectorAll(".slide-body pre")].flatMap((pre) =>
              parseFloat(getComputedStyle(pre).fontSize) < 18 ? [pre.closest("section")?.id] : [],
            ),
          };
        });
        expect(printView.cut).toEqual([]);
        expect(printView.shrunk).toEqual([]);
        expect(printView.smallCode).toEqual([]);
        const file = path.join(output, `${lesson}-slides.pdf`);
        await writeFile(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        await context.close();
        const text = await pdfText(file);
        expect(missingFrom(text, expected)).toEqual([]);
        const brightness = await pageBrightness(file, `${lesson}-slides`);
        expect(brightness.filter((mean) => mean < 128)).toEqual([]);
        // Each slide starts a page; a slide too long for one goes on to the next instead of being cut or shrunk.
        expect(brightness.length).toBeGreaterThanOrEqual(slides.length + printView.continued);
      }
    });
  });

  describe("code on slides", () => {
    it("is never smaller than 18 px on a 1280×720 screen, on any slide", async () => {
      for (const lesson of lessons) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
        const page = await openDeck(context, `${siteUrl}${lesson}/slides.html`);
        const sizes = await page.evaluate(() => {
          const { Reveal } = window as unknown as DeckWindow;
          return Reveal.getSlides().flatMap((slide, at) => {
            Reveal.slide(at);
            const body = slide.querySelector<HTMLElement>(".slide-body")!;
            // reveal.js scales the whole deck to the window: the size a reader sees is the computed size times that scale.
            const scale = body.getBoundingClientRect().width / body.offsetWidth;
            return [...body.querySelectorAll("pre, code")].map((code) => ({
              slide: slide.id || "title",
              size: parseFloat(getComputedStyle(code).fontSize) * scale,
            }));
          });
        });
        expect(sizes.length).toBeGreaterThan(0);
        expect(sizes.filter(({ size }) => size < 18)).toEqual([]);
        await context.close();
      }
    });

    it("shows a long transcript's first lines and a link to the whole of it on the lesson page", async () => {
      let shortened = 0;
      for (const lesson of lessons) {
        const deck = await builtPage(`${lesson}/slides.html`);
        const lessonPage = await builtPage(`${lesson}/index.html`);
        for (const slide of selectAll("section.slide[id]", deck) as Element[]) {
          const id = String(slide.properties.id);
          const section = select(`section:has(> .section-heading > h2#${id})`, lessonPage);
          expect(section, id).toBeTruthy();
          const onPage = selectAll("figure.transcript, figure.output", section!) as Element[];
          const onSlide = selectAll("figure.transcript, figure.output", slide) as Element[];
          expect(onSlide.length).toBe(onPage.length);
          onSlide.forEach((figure, at) => {
            const shown = codeLines(figure);
            const whole = codeLines(onPage[at]!);
            expect(whole.slice(0, shown.length)).toEqual(shown);
            const more = (selectAll("a", figure) as Element[]).find((link) => toString(link) === "… full output on the lesson page");
            if (shown.length === whole.length) {
              expect(more).toBeUndefined();
            } else {
              shortened += 1;
              expect(more?.properties.href).toBe(`index.html#${id}`);
            }
          });
        }
      }
      expect(shortened).toBeGreaterThan(0);
    });

    it("shows a slide with a shortened transcript whole on a 1280×720 screen, its link to the rest in view, and saves a screenshot of it", async () => {
      const [lesson] = lessons;
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
      const page = await openDeck(context, `${siteUrl}${lesson}/slides.html`);
      const found = await page.evaluate(() => {
        const { Reveal } = window as unknown as DeckWindow;
        const at = Reveal.getSlides().findIndex((slide) => slide.querySelector(".transcript-more"));
        if (at >= 0) Reveal.slide(at);
        return at;
      });
      expect(found).toBeGreaterThanOrEqual(0);
      await settled(page);
      const slide = page.locator("section.slide.present");
      expect(await unseen(slide, ["h2", "figure.transcript figcaption", "figure.transcript pre", ".transcript-more a"])).toEqual([]);
      expect(await saveScreenshot(page, page, path.join(output, "slide-shortened-transcript.png"))).toBeGreaterThan(0.02);
      await context.close();
    });
  });
});
