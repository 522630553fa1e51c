import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { writtenSite } from "../helpers/site-pages.js";

const lessonPage = "virt/index.html";
const site = inject("ownSite");

let htmlPages: string[];
let browser: Browser;
/** Everything that went wrong in any page served over HTTP, across the whole file: checked at the end. */
const trouble = { foreign: [] as string[], failed: [] as string[], errors: [] as string[] };

/** A browser context whose pages report requests outside the server, failed requests and script errors. */
async function watchedContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.on("request", (request) => {
    if (!request.url().startsWith(`${site.origin}/`)) trouble.foreign.push(request.url());
  });
  context.on("response", (response) => {
    if (response.status() >= 400) trouble.failed.push(`${response.status()} ${response.url()}`);
  });
  context.on("requestfailed", (request) => trouble.failed.push(`${request.failure()?.errorText ?? "failed"} ${request.url()}`));
  context.on("page", (page) => page.on("pageerror", (error) => trouble.errors.push(`${page.url()}: ${error.message}`)));
  return context;
}

/** Type a query into the header's search box and wait for the first result. */
async function search(page: Page, query: string) {
  await page.getByRole("searchbox", { name: "Search the lessons" }).fill(query);
  const first = page.locator(".search-results > li > a").first();
  await first.waitFor({ timeout: 10_000 });
  return first;
}

/** The text a CSS tooltip (`::after`) shows on the element, or `"none"`. */
const tooltip = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const style = getComputedStyle(element, "::after");
    return style.display === "none" ? "none" : style.content;
  });

describeInBrowser("in Chromium", () => {
  beforeAll(async () => {
    htmlPages = [...writtenSite(site.folder).paths].filter((file) => file.endsWith(".html"));
    browser = await connectBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe("the built site in a browser, served under /course/", () => {
    it("finds “copy-on-write” from the home page, with a first result that opens an existing page", async () => {
      const context = await watchedContext();
      const page = await context.newPage();
      await page.goto(site.url);
      const first = await search(page, "copy-on-write");
      const href = await first.evaluate((link) => (link as HTMLAnchorElement).href);
      expect(href.startsWith(site.url)).toBe(true);
      expect((await page.request.get(href)).status()).toBe(200);
      expect(await page.locator("#search-status").textContent()).toMatch(/^\d+ results?/);

      await page.getByRole("searchbox").press("ArrowDown");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(await first.getAttribute("href"));
      await page.keyboard.press("Escape");
      expect(await page.locator(".search-panel").isHidden()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");

      await page.keyboard.press("Enter");
      await first.click();
      await page.waitForURL(href);
      expect(await page.locator("main h1").count()).toBe(1);
      await context.close();
    });

    it("switches theme with a button that names the theme it switches to, and keeps the choice after a reload", async () => {
      const context = await watchedContext({ colorScheme: "light" });
      const page = await context.newPage();
      await page.goto(site.url);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await background()).toBe("rgb(255, 255, 255)");
      await page.getByRole("button", { name: "Switch to dark theme" }).click();
      expect(await background()).toBe("rgb(13, 17, 23)");
      expect(await page.getByRole("button", { name: "Switch to light theme" }).isVisible()).toBe(true);
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
      expect(await background()).toBe("rgb(13, 17, 23)");
      await page.getByRole("button", { name: "Switch to light theme" }).click();
      expect(await background()).toBe("rgb(255, 255, 255)");
      await context.close();
    });

    it("shows a glossary term's definition on hover and on keyboard focus, and Escape hides it", async () => {
      const context = await watchedContext();
      const page = await context.newPage();
      await page.goto(`${site.url}${lessonPage}`);
      const selector = 'section a.glossary-term[href$="#virtual_env"]';
      const term = page.locator(selector).first();
      const definition = (await term.getAttribute("data-definition")) ?? "";
      expect(definition).toMatch(/^virtual environment: /);
      expect(await tooltip(page, selector)).toBe("none");

      await term.hover();
      expect(await tooltip(page, selector)).toBe(JSON.stringify(definition));
      await page.mouse.move(0, 0);
      expect(await tooltip(page, selector)).toBe("none");

      await page.keyboard.press("Shift");
      await term.focus();
      expect(await term.evaluate((link) => link.matches(":focus-visible"))).toBe(true);
      expect(await tooltip(page, selector)).toBe(JSON.stringify(definition));
      await page.keyboard.press("Escape");
      expect(await tooltip(page, selector)).toBe("none");
      await context.close();
    });

    it("makes no request outside the server, and every request and script succeeds, while browsing every page", async () => {
      const context = await watchedContext();
      const page = await context.newPage();
      // The browser asks for a page's icon once the page has loaded: wait for that too, or leaving the page would cancel it.
      const ended = new Set<string>();
      page.on("requestfinished", (request) => ended.add(request.url()));
      page.on("requestfailed", (request) => ended.add(request.url()));
      const withoutTarget: string[] = [];
      for (const file of htmlPages) {
        ended.clear();
        await page.goto(`${site.url}${file}`);
        const icon = await page.locator('link[rel~="icon"]').evaluate((link) => (link as HTMLLinkElement).href);
        await expect.poll(() => ended.has(icon)).toBe(true);
        // Every link a script adds has a target too, whether or not it is in view yet.
        const links = await page.locator("a:not([href])").evaluateAll((found) => found.map((link) => link.outerHTML));
        withoutTarget.push(...links.map((link) => `${file}: ${link}`));
      }
      await page.goto(site.url);
      await search(page, "container");
      await context.close();
      expect(trouble).toEqual({ foreign: [], failed: [], errors: [] });
      expect(withoutTarget).toEqual([]);
    });
  });

  describe("the built site opened from file://", () => {
    it("navigates by its relative links and says that search needs a server", async () => {
      const context = await browser.newContext();
      const requests: string[] = [];
      context.on("request", (request) => requests.push(request.url()));
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(site.folder, "index.html")).href);
      expect(await page.locator(".site-header").evaluate((header) => getComputedStyle(header).borderBottomStyle)).toBe("solid");
      expect(await page.locator(".search-unavailable").isVisible()).toBe(true);
      expect(await page.locator(".site-search").isHidden()).toBe(true);

      await page.locator(".lesson-list").getByRole("link", { name: "Virtualization", exact: true }).click();
      await page.waitForURL(/\/virt\/index\.html$/);
      expect(await page.locator("main h1").textContent()).toBe("Virtualization");

      await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Glossary" }).click();
      await page.waitForURL(/\/glossary\/index\.html$/);
      expect(await page.locator("main h1").textContent()).toBe("Glossary");
      await context.close();
      expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
    });
  });
});
