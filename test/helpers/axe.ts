import type { RunOptions } from "axe-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const wcag21aa: RunOptions = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

/**
 * Load axe-core into every page `context` opens, as the page starts: a test
 * that checks page after page sends the script to the browser once, not
 * once a page.
 */
export async function loadAxeInto(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/** Every axe-core violation of WCAG 2.1 A and AA on the page, one line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (options) => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, options);
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${location.pathname} ${violation.id}: ${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
    );
  }, wcag21aa);
}
