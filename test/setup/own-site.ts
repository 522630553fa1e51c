import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import { buildSite } from "../../src/pipeline/build-site.js";
import { writeSite } from "../../src/write/write.js";
import { repoRoot } from "../helpers/fixture-project.js";
import { serveFolder } from "../helpers/static-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** This repository's `content/`, built once for every test file of the run. */
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
  }
}

/**
 * Before any test file runs (once, for both projects: it is the root
 * config's global setup): build this repository's `content/` (no cache),
 * write it to a temporary folder and serve it under `/course/`; each file
 * reads it instead of building the site again. Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "lessons-own-site-"));
  const built = await buildSite({ root: repoRoot });
  const site = path.join(folder, "site");
  await writeSite(site, built.files);
  const server = await serveFolder(site, "/course/");
  project.provide("ownSite", {
    folder: site,
    url: server.url,
    origin: server.origin,
    errors: built.messages.filter((message) => message.fatal).map(formatMessageLine),
  });
  return async () => {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  };
}
