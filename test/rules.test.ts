import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../src/diagnostics/rules.js";
import { fixturesDir } from "./helpers/fixture-project.js";

/** Rules no lesson can trigger, with the reason; every other rule needs a fixture. */
const withoutFixture: Record<string, string> = {
  "search-index": "fires only when the search indexer itself fails, whatever the lessons hold",
  "older-config":
    "reads pyproject.toml of the older layout, which fixtures (current layout) do not build; test/unit/older-config.test.ts and test/older-course-site.test.ts show it firing",
  "no-lessons": "fires only for a project without lessons, which a fixture (a lesson) cannot be; test/cli.test.ts shows it",
};

describe("diagnostic rules", () => {
  it.each(Object.keys(rules).filter((rule) => !(rule in withoutFixture)))(
    "%s has a fixture named after it that shows it firing",
    (rule) => {
      const messages = path.join(fixturesDir, rule, "messages.txt");
      expect(existsSync(messages)).toBe(true);
      expect(readFileSync(messages, "utf8")).toMatch(new RegExp(`^\\S+:\\d+:\\d+ (error|warning) .* \\[${rule}\\]$`, "m"));
    },
  );

  it("exempts only rules that exist", () => {
    for (const rule of Object.keys(withoutFixture)) expect(Object.keys(rules)).toContain(rule);
  });
});
