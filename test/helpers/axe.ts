import type { RunOptions } from "axe-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const wcag21aa: RunOptions = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

/** Every axe-core violation of WCAG 2.1 A and AA on the page, one line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (options) => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, options);
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${location.pathname} ${violation.id}: ${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
    );
  }, wcag21aa);
}
