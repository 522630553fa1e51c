import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserServer } from "playwright-core";
import type { ProvidedContext } from "vitest";
import type { TestProject } from "vitest/node";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { buildSite } from "../src/pipeline.js";
import { writeSite } from "../src/write/write.js";
import { chromiumMissing, chromiumPath } from "./helpers/browser.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { serveFolder } from "./helpers/static-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** This repository's `content/`, built once for every test file. */
    ownSite: {
      /** The folder the site was written to. */
      folder: string;
      /** Where it is served, e.g. `http://127.0.0.1:41234/course/`: under a sub-path, as a course often is. */
      url: string;
      /** `http://127.0.0.1:41234`: every request the site makes must start with this. */
      origin: string;
      /** The build's errors, one line each. */
      errors: string[];
    };
    /** The one Chromium every browser test connects to, or why there is none. */
    chromium: { endpoint: string; missing?: undefined } | { endpoint?: undefined; missing: string };
  }
}

/** The shared Chromium, when there is one, and what the browser tests are told about it. */
async function startChromium(): Promise<{ browser?: BrowserServer; provided: ProvidedContext["chromium"] }> {
  const missing = chromiumMissing();
  if (missing) {
    console.warn(missing);
    return { provided: { missing } };
  }
  const browser = await chromium.launchServer({
    executablePath: chromiumPath,
    // Scrollbars as readers see them: they take room, and the screenshots should show them.
    ignoreDefaultArgs: ["--hide-scrollbars"],
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return { browser, provided: { endpoint: browser.wsEndpoint() } };
}

/**
 * Before any test file runs: build this repository's `content/` (no cache),
 * write it to a temporary folder and serve it under `/course/`, and start the
 * one Chromium the browser tests share; each file connects to it instead of
 * building the site and launching a browser of its own. Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "lessons-own-site-"));
  const [built, { browser, provided }] = await Promise.all([buildSite({ root: repoRoot }), startChromium()]);
  const site = path.join(folder, "site");
  await writeSite(site, built.files);
  const server = await serveFolder(site, "/course/");
  project.provide("ownSite", {
    folder: site,
    url: server.url,
    origin: server.origin,
    errors: built.messages.filter((message) => message.fatal).map(formatMessageLine),
  });
  project.provide("chromium", provided);
  return async () => {
    await browser?.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  };
}
