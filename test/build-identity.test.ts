import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCourse } from "../bench/src/generate-course.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { runCompiledLessons } from "./helpers/run-lessons.js";

/** Every file under `dir`, relative and sorted, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else files.set(name, readFileSync(path.join(dir, name)));
    }
  };
  walk("");
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Paths whose bytes differ between two trees, or that only one has. */
function differences(expected: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
  const names = new Set([...expected.keys(), ...actual.keys()]);
  return [...names].filter((name) => {
    const a = expected.get(name);
    const b = actual.get(name);
    return !a || !b || !a.equals(b);
  });
}

/** How many worker threads start while `work` runs. */
async function workersStartedBy(work: () => Promise<void>): Promise<number> {
  let workers = 0;
  const count = () => (workers += 1);
  process.on("worker", count);
  try {
    await work();
  } finally {
    process.off("worker", count);
  }
  return workers;
}

/** Each test runs several whole builds of the course. */
const timeout = 120_000;

/**
 * The builds run the compiled command line in this process: only compiled
 * code reads lessons on worker threads (see `runCompiledLessons`).
 */
describe("cold, parallel, cached and incremental builds", () => {
  let work: string;
  let root: string;
  let slugs: string[];
  const buildCourse = async (course: string, out: string, ...flags: string[]) => {
    const run = await runCompiledLessons(["build", "--root", course, "--out", path.join(work, out), ...flags], work);
    expect(run.status, run.stderr).toBe(0);
    return tree(path.join(work, out));
  };
  const build = (out: string, ...flags: string[]) => buildCourse(root, out, ...flags);

  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, "lib", "cli", "program.js")))
      throw new Error("run `npm run compile` first: this test runs the compiled command line, whose builds read lessons on worker threads");
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-identity-"));
    root = path.join(work, "course");
    // Enough lessons for each of two threads to read several; the lessons' length does not matter here.
    ({ slugs } = generateCourse(root, { lessons: 5, seed: 7, blocksPerLesson: 4 }));
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "write the same bytes, file for file, on worker threads, with and without the cache, and leave the cache alone with --no-cache",
    async () => {
      const cacheDir = path.join(root, ".lessons-cache");
      const cold = await build("cold", "--threads", "0");
      expect(cold.size).toBeGreaterThan(50);
      expect([...cold.keys()]).toContain(path.join(slugs[0]!, "index.html"));
      const cache = tree(cacheDir);
      expect(cache.size).toBeGreaterThan(0);

      const workers = await workersStartedBy(async () => {
        expect(differences(cold, await build("parallel", "--no-cache", "--threads", "2"))).toEqual([]);
      });
      expect(workers).toBe(2);
      expect(differences(cache, tree(cacheDir))).toEqual([]);

      expect(differences(cold, await build("warm"))).toEqual([]);
      expect(differences(cold, await build("cold"))).toEqual([]);
    },
    timeout,
  );

  it(
    "give an edited course the same bytes as a cold build of it",
    async () => {
      const [, image = "", , , network = ""] = slugs;
      const lesson = path.join(root, "content", network, "index.md");
      const dataFile = readdirSync(path.join(root, "data-files", image)).find((name) => name.endsWith(".out")) ?? "";
      expect(dataFile).not.toBe("");
      writeFileSync(lesson, `${readFileSync(lesson, "utf8")}\nOne more paragraph, with a [link][site_3].\n`);
      writeFileSync(path.join(root, "data-files", image, dataFile), "changed output\n");
      const cached = await build("warm");
      const cold = await build("edited-cold", "--no-cache", "--threads", "0");
      expect(differences(cold, cached)).toEqual([]);
      expect(cold.get(path.join(image, "files", dataFile))?.toString()).toBe("changed output\n");
    },
    timeout,
  );

  it(
    "give a course in the older layout the same view pages of its files when they are highlighted on worker threads",
    async () => {
      const course = path.join(work, "older-course");
      cpSync(path.join(repoRoot, "test/sites/older-course"), course, { recursive: true });
      const serial = await buildCourse(course, "older-serial", "--no-cache", "--threads", "0");
      expect([...serial.keys()]).toContain(path.join("03_pitfalls", "server.py.html"));
      // Two threads read the lessons, then two highlight the files.
      const workers = await workersStartedBy(async () => {
        expect(differences(serial, await buildCourse(course, "older-parallel", "--no-cache", "--threads", "2"))).toEqual([]);
      });
      expect(workers).toBe(4);
    },
    timeout,
  );
});
