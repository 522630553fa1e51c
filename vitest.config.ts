import { defineConfig } from "vitest/config";
import { sharedSetup, testProjects } from "./test/projects.js";

/**
 * What every project runs with (projects do not extend this file, so that
 * the shared global setup runs once, not once each). Test files share their
 * worker's loaded modules (`isolate: false`): each would otherwise start a
 * process of its own and load unified, shiki, the templates and playwright
 * again, which costs more than most of them take to run. No test file mocks
 * a module or changes process-wide state that it does not restore.
 */
const shared = { testTimeout: 60_000, hookTimeout: 120_000, isolate: false };

export default defineConfig({
  test: {
    // vitest's default leaves one of a 2-core machine's cores idle.
    maxWorkers: 2,
    ...shared,
    globalSetup: [...sharedSetup],
    projects: Object.entries(testProjects).map(([name, { include, exclude, globalSetup }]) => ({
      test: { name, ...shared, include: [...include], exclude: [...exclude], globalSetup: [...globalSetup] },
    })),
  },
});
