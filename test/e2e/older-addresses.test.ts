import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.js";
import { writeSite } from "../../src/write/write.js";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";

let browser: Browser;
let folder: string;

describeInBrowser("the older tool's addresses in Chromium, opened from file://", () => {
  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), "lessons-older-addresses-"));
    const { files } = await buildSite({ root: path.join(repoRoot, "test/sites/older-course"), threads: 0 });
    await writeSite(folder, files);
    browser = await connectBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.each([
    ["glossary.html#closure", "glossary/index.html#closure", "closure"],
    ["bibliography.html#Kerrisk2010", "bibliography/index.html#Kerrisk2010", "Kerrisk2010"],
    ["glossary.html", "glossary/index.html", undefined],
  ])("leads %s to %s", async (address, landing, id) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(path.join(folder, address)).href.replace("%23", "#"));
    const expected = pathToFileURL(path.join(folder, landing.split("#")[0] ?? "")).href + (id ? `#${id}` : "");
    await page.waitForURL(expected);
    expect(await page.locator("main h1").textContent()).toBe(landing.startsWith("glossary") ? "Glossary" : "Bibliography");
    if (id) expect(await page.locator(`[id="${id}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
