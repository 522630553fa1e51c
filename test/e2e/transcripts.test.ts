import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { saveScreenshot } from "../helpers/screenshot.js";

const screenshots = path.join(repoRoot, "test/output/screenshots");
const lessonPage = "virt/index.html";
const site = inject("ownSite");

describeInBrowser("a terminal transcript on the lesson page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await connectBrowser();
  });
  afterAll(() => browser?.close());

  for (const colorScheme of ["light", "dark"] as const) {
    it(`shows prompts dimmed and unselectable and output in a colour of its own (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${site.url}${lessonPage}`);
      const transcripts = await page.evaluate(() =>
        [...document.querySelectorAll("figure.data-file")]
          .filter((figure) => figure.querySelector("figcaption")?.textContent?.includes(".text"))
          .map((figure) => {
            const pre = figure.querySelector("pre")!;
            const lines = (pre.textContent ?? "").split("\n");
            // What a reader selecting the whole block would get.
            const range = document.createRange();
            range.selectNodeContents(pre);
            const selection = getSelection()!;
            selection.removeAllRanges();
            selection.addRange(range);
            const selected = selection.toString();
            selection.removeAllRanges();
            const colour = (selector: string) => {
              const element = pre.querySelector(selector);
              return element ? getComputedStyle(element).color : undefined;
            };
            return {
              name: figure.querySelector("figcaption")?.textContent ?? "",
              prompts: lines.filter((line) => /^[$#]( |$)/.test(line)).length,
              outputs: lines.filter((line) => line.trim() !== "" && !/^[$#]( |$)/.test(line)).length,
              selectedPrompts: selected.split("\n").filter((line) => /^[$#] /.test(line)).length,
              prompt: colour(".prompt"),
              output: colour(".output"),
              command: getComputedStyle(pre).color,
            };
          }),
      );
      expect(transcripts.length).toBeGreaterThan(0);
      expect(transcripts.filter((transcript) => transcript.prompts > 0).length).toBeGreaterThan(0);
      for (const transcript of transcripts) {
        expect(transcript.selectedPrompts, transcript.name).toBe(0);
        if (transcript.prompts > 0) expect(transcript.prompt, transcript.name).not.toBe(transcript.command);
        if (transcript.outputs > 0) {
          expect(transcript.output, transcript.name).toBeDefined();
          expect(transcript.output, transcript.name).not.toBe(transcript.command);
          expect(transcript.output, transcript.name).not.toBe(transcript.prompt);
        }
      }
      // What a reader sees of the first one: its file name, its first command and its Copy button, on screen and not covered.
      const figure = page.locator("figure.transcript").first();
      const ink = await saveScreenshot(page, figure, path.join(screenshots, `transcript-${colorScheme}.png`));
      expect(ink).toBeGreaterThan(0.02);
      const shown = await figure.evaluate((element) =>
        [".data-file-name", ".command", ".copy-code"].map((selector) => {
          const part = element.querySelector(selector);
          const box = part?.getBoundingClientRect();
          if (!part || !box || box.width === 0) return `${selector}: not shown`;
          const inside = box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
          const seen = document.elementFromPoint(box.left + 2, box.top + box.height / 2);
          return inside && seen !== null && part.contains(seen) ? `${selector}: seen` : `${selector}: hidden`;
        }),
      );
      expect(shown).toEqual([".data-file-name: seen", ".command: seen", ".copy-code: seen"]);
      await context.close();
    });
  }

  it("copies only its commands, one per line, with the Copy button", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
    const page = await context.newPage();
    await page.goto(`${site.url}${lessonPage}`);
    const figures = page.locator("figure.data-file").filter({ hasText: ".text" });
    const count = await figures.count();
    expect(count).toBeGreaterThan(0);
    for (let at = 0; at < count; at += 1) {
      const figure = figures.nth(at);
      const shown = (await figure.locator("pre").textContent()) ?? "";
      // The commands as a reader sees them: the text after each `$ ` or `# ` prompt, and the lines a trailing `\` continues onto.
      const commands: string[] = [];
      let continues = false;
      for (const line of shown.split("\n")) {
        const prompt = /^[$#](?: (.*))?$/.exec(line);
        if (continues) commands.push(line);
        else if (prompt?.[1]) commands.push(prompt[1]);
        continues = (continues || prompt !== null) && line.endsWith("\\");
      }
      await figure.getByRole("button", { name: "Copy" }).click();
      await expect.poll(() => figure.getByRole("button").textContent()).toBe("Copied");
      // A transcript without a prompt has no command to tell apart: Copy copies all of it.
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(commands.length > 0 ? commands.join("\n") : shown);
    }
    await context.close();
  });
});
