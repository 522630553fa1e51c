import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline.js";
import { writeSite } from "../../src/write/write.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";
import { axeViolations } from "../helpers/axe.js";

const lessonPage = "virt/index.html";

let tempDir: string;
let siteDir: string;
let htmlPages: string[];
let server: StaticServer;
let browser: Browser;
/** Everything that went wrong in any page served over HTTP, across the whole file: checked at the end. */
const trouble = { foreign: [] as string[], failed: [] as string[], errors: [] as string[] };

beforeAll(async () => {
  const { files } = await buildSite({ root: repoRoot });
  htmlPages = files.map((file) => file.path).filter((file) => file.endsWith(".html"));
  tempDir = await mkdtemp(path.join(os.tmpdir(), "lessons-e2e-"));
  siteDir = path.join(tempDir, "site");
  await writeSite(siteDir, files);
  server = await serveFolder(siteDir, "/course/");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

/** A browser context whose pages report requests outside the server, failed requests and script errors. */
async function watchedContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.on("request", (request) => {
    if (!request.url().startsWith(`${server.origin}/`)) trouble.foreign.push(request.url());
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

describe("the built site in a browser, served under /course/", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no WCAG 2.1 AA violations on any page in the ${colorScheme} theme`, async () => {
      const context = await watchedContext({ colorScheme });
      const page = await context.newPage();
      const violations: string[] = [];
      for (const file of htmlPages) {
        await page.goto(`${server.url}${file}`);
        violations.push(...(await axeViolations(page)));
      }
      await page.goto(server.url);
      await search(page, "docker");
      violations.push(...(await axeViolations(page)));
      await context.close();
      expect(violations).toEqual([]);
    });
  }

  it("finds “copy-on-write” from the home page, with a first result that opens an existing page", async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    await page.goto(server.url);
    const first = await search(page, "copy-on-write");
    const href = await first.evaluate((link) => (link as HTMLAnchorElement).href);
    expect(href.startsWith(server.url)).toBe(true);
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
    await page.goto(server.url);
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
    await page.goto(`${server.url}${lessonPage}`);
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
    for (const file of htmlPages) await page.goto(`${server.url}${file}`, { waitUntil: "networkidle" });
    await page.goto(server.url);
    await search(page, "container");
    await context.close();
    expect(trouble).toEqual({ foreign: [], failed: [], errors: [] });
  });
});

describe("the built site opened from file://", () => {
  it("navigates by its relative links and says that search needs a server", async () => {
    const context = await browser.newContext();
    const requests: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(siteDir, "index.html")).href);
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
