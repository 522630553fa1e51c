import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline.js";
import { writeSite } from "../../src/write/write.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.js";

const screenshots = path.join(repoRoot, "test/output/screenshots");
const lessonPage = "virt/index.html";

let tmp: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const { files } = await buildSite({ root: repoRoot });
  tmp = await mkdtemp(path.join(os.tmpdir(), "lessons-transcripts-"));
  await writeSite(tmp, files);
  server = await serveFolder(tmp, "/");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  await mkdir(screenshots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("a terminal transcript on the lesson page", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`shows prompts dimmed and unselectable and output in a colour of its own (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${server.url}${lessonPage}`);
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
      await page
        .locator("figure.transcript")
        .first()
        .screenshot({ path: path.join(screenshots, `transcript-${colorScheme}.png`) });
      await context.close();
    });
  }

  it("copies only its commands, one per line, with the Copy button", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    const page = await context.newPage();
    await page.goto(`${server.url}${lessonPage}`);
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
