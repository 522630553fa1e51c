import { defineConfig } from "vitest/config";
import { sharedSetup, testProjects } from "./test/projects.js";

/** What every project runs with; projects do not extend this file, so that the shared global setup runs once, not once each. */
const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // vitest's default leaves one of a 2-core machine's cores idle.
    maxWorkers: 2,
    ...timeouts,
    globalSetup: [...sharedSetup],
    projects: Object.entries(testProjects).map(([name, { include, exclude, globalSetup, isolate }]) => ({
      test: { name, ...timeouts, isolate, include: [...include], exclude: [...exclude], globalSetup: [...globalSetup] },
    })),
  },
});
