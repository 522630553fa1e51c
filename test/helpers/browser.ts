import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe, expect, inject, it } from "vitest";

/**
 * The Chromium the browser tests drive: Debian's, unless `LESSONS_TEST_CHROMIUM`
 * names another (a path to nothing shows what a machine without Chromium does).
 */
export const chromiumPath = process.env.LESSONS_TEST_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Why the browser tests cannot run, or `undefined` when Chromium is there. In CI
 * (`CI` set) a missing Chromium fails them; elsewhere it skips them.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const outcome = process.env.CI ? "CI runs the browser tests" : "browser tests skipped";
  return `Chromium not found at ${chromiumPath}: ${outcome}; install it with \`apt-get install -y chromium\``;
}

/**
 * A suite that drives the Chromium test/setup/chromium.ts started. Without
 * Chromium its tests are skipped (the global setup says why, once), or in CI
 * replaced by one failing test that says why.
 */
export function describeInBrowser(name: string, body: () => void): void {
  const { missing } = inject("chromium");
  if (missing === undefined) describe(name, body);
  else if (process.env.CI) describe(name, () => it("has Chromium to run in", () => expect.fail(missing)));
  else describe.skip(name, body);
}

/** A connection of this test file to the shared Chromium; closing it closes the contexts it opened. */
export function connectBrowser(): Promise<Browser> {
  const { endpoint } = inject("chromium");
  if (endpoint === undefined) throw new Error("no Chromium to connect to");
  return chromium.connect(endpoint);
}

/** The two screens the reader tests look at a site on: a desktop's and a phone's. */
export const viewports = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

export type Device = keyof typeof viewports;

/** The site's two colour themes. */
export const themes = ["light", "dark"] as const;

export type Theme = (typeof themes)[number];
