import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCourse } from "../bench/src/generate-course.js";
import { allEntryKinds } from "../src/cache/entries.js";
import { runCompiledLessons, spawnLessons } from "./helpers/run-lessons.js";

/**
 * What the cache must keep, whatever shape the pipeline takes: a build with
 * nothing changed is a replay that loads none of the Markdown, highlighting,
 * template or search machinery, and an edited lesson is the only one read
 * again, with only its own pages rendered again. Both run the compiled
 * command line, as users do.
 */
describe("the build cache", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-cache-guards-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A generated course of `lessons` lessons in a folder of its own, built once cold. */
  async function builtCourse(name: string, lessons: number) {
    const root = path.join(work, name);
    const { slugs } = generateCourse(root, { lessons, seed: 7 });
    const cold = await runCompiledLessons(["build"], root);
    expect(cold.status, cold.stderr).toBe(0);
    return { root, slugs };
  }

  it("replays an unchanged site without loading unified, shiki, liquidjs or pagefind", async () => {
    const { root } = await builtCourse("replay", 3);
    const log = path.join(work, "modules.log");
    const hooks = path.join(work, "log-modules.mjs");
    writeFileSync(
      hooks,
      `import { appendFileSync } from "node:fs";\n` +
        `export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`,
    );
    const register = path.join(work, "register.mjs");
    writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    appendFileSync(log, "");
    const run = spawnLessons(["build"], root, ["--import", pathToFileURL(register).href]);
    expect(run.status, run.stderr).toBe(0);
    const modules = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(modules.some((url) => url.includes("/lib/cli/"))).toBe(true);
    const heavy = modules.filter((url) => /\/node_modules\/(unified|remark-[^/]+|shiki|@shikijs\/[^/]+|liquidjs|pagefind)\//.test(url));
    expect(heavy).toEqual([]);
  });

  it("reads only an edited lesson again and takes every other page from the cache", async () => {
    const { root, slugs } = await builtCourse("edit", 6);
    const edited = path.join(root, "content", slugs[2]!, "index.md");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}\nOne more sentence at the end.\n`);
    const run = await runCompiledLessons(["build", "--timings"], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/lessons: document stage \(wall, 1 read,/);
    const [, reused, total] = /render: pages \((\d+) of (\d+) from the cache\)/.exec(run.stderr) ?? [];
    // The lesson's page and its slides are all that show its body.
    expect(Number(total) - Number(reused)).toBe(2);
  });

  it("holds one site's worth of entries of every kind, however often a lesson is edited", async () => {
    const { root, slugs } = await builtCourse("prune", 4);
    const entries = () =>
      Object.fromEntries(
        allEntryKinds.map((kind) => {
          let names: string[];
          try {
            names = readdirSync(path.join(root, ".lessons-cache", "v1", kind));
          } catch {
            names = [];
          }
          return [kind, names.length];
        }),
      );
    const cold = entries();
    const edited = path.join(root, "content", slugs[1]!, "index.md");
    for (const edit of [1, 2, 3]) {
      writeFileSync(edited, `${readFileSync(edited, "utf8")}\nEdit number ${edit}.\n`);
      const run = await runCompiledLessons(["build"], root);
      expect(run.status, run.stderr).toBe(0);
    }
    const after = entries();
    for (const kind of allEntryKinds) {
      // The edited lesson's previous whole outcome is kept one build longer: its highlighted code was reused.
      const allowance = kind === "document" ? 1 : 0;
      expect(after[kind], kind).toBeLessThanOrEqual((cold[kind] ?? 0) + allowance);
    }
    expect(cold.page).toBeGreaterThan(0);
  });
});
