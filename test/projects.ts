/**
 * The two tiers of the test suite, as vitest projects: `unit` (units,
 * fixtures, the command line in-process, build identity, fuzzing) is the
 * inner loop (`npm run test:unit`); `e2e` drives Chromium, the dev server and
 * the packed package. `npm test` runs both. Every test file belongs to
 * exactly one (test/projects.test.ts checks).
 */
export const testProjects = {
  unit: {
    include: ["test/*.test.ts", "test/unit/**/*.test.ts"],
    exclude: ["test/package.test.ts"],
    globalSetup: [],
  },
  e2e: {
    include: ["test/e2e/**/*.test.ts", "test/package.test.ts"],
    exclude: [],
    globalSetup: ["test/setup/chromium.ts"],
  },
} as const;

/** The global setup both projects share, run once whichever of them runs: this repository's site, built and served. */
export const sharedSetup = ["test/setup/own-site.ts"];

/** Every test file, whichever project it belongs to. */
export const allTestFiles = "test/**/*.test.ts";
