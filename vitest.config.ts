import { defineConfig } from "vitest/config";
import { testProjects } from "./test/projects.js";

export default defineConfig({
  test: {
    // vitest's default leaves one of a 2-core machine's cores idle.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: Object.entries(testProjects).map(([name, { include, exclude, globalSetup }]) => ({
      extends: true,
      test: { name, include: [...include], exclude: [...exclude], globalSetup: [...globalSetup] },
    })),
  },
});
