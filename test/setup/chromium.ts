import { chromium } from "playwright-core";
import type { ProvidedContext } from "vitest";
import type { TestProject } from "vitest/node";
import { chromiumMissing, chromiumPath } from "../helpers/browser.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The one Chromium every browser test connects to, or why there is none. */
    chromium: { endpoint: string; missing?: undefined } | { endpoint?: undefined; missing: string };
  }
}

/**
 * Before the browser tests run: start the one Chromium they share; each file
 * connects to it instead of launching a browser of its own. Without Chromium
 * it says why, once, and the tests skip (or fail in CI). Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = chromiumMissing();
  if (missing) {
    console.warn(missing);
    project.provide("chromium", { missing } satisfies ProvidedContext["chromium"]);
    return async () => undefined;
  }
  const browser = await chromium.launchServer({
    executablePath: chromiumPath,
    // Scrollbars as readers see them: they take room, and the screenshots should show them.
    ignoreDefaultArgs: ["--hide-scrollbars"],
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  project.provide("chromium", { endpoint: browser.wsEndpoint() });
  return () => browser.close();
}
