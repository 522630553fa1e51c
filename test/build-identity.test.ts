import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCourse } from "../bench/src/generate-course.js";
import { repoRoot } from "./helpers/fixture-project.js";

const cli = path.join(repoRoot, "bin", "lessons.js");

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

/** Each test runs several whole builds of the course, in child processes. */
const timeout = 240_000;

describe("cold, parallel, cached and incremental builds", () => {
  let work: string;
  let root: string;
  const build = (out: string, ...flags: string[]) =>
    execFileSync(process.execPath, [cli, "build", "--root", root, "--out", path.join(work, out), ...flags], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });

  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, "lib", "cli", "main.js")))
      throw new Error("run `npm run compile` first: this test runs the built CLI");
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-identity-"));
    root = path.join(work, "course");
    generateCourse(root, { lessons: 14, seed: 7, blocksPerLesson: 12 });
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "write the same bytes, file for file",
    () => {
      build("cold", "--no-cache", "--threads", "0");
      const cold = tree(path.join(work, "cold"));
      expect(cold.size).toBeGreaterThan(100);
      expect([...cold.keys()]).toContain(path.join("s01_container", "index.html"));

      build("parallel", "--no-cache", "--threads", "2");
      expect(differences(cold, tree(path.join(work, "parallel")))).toEqual([]);

      build("cached", "--threads", "0");
      expect(existsSync(path.join(root, ".lessons-cache"))).toBe(true);
      expect(differences(cold, tree(path.join(work, "cached")))).toEqual([]);

      build("warm");
      expect(differences(cold, tree(path.join(work, "warm")))).toEqual([]);
      build("cached");
      expect(differences(cold, tree(path.join(work, "cached")))).toEqual([]);
    },
    timeout,
  );

  it(
    "give an edited course the same bytes as a cold build of it",
    () => {
      const lesson = path.join(root, "content", "s05_network", "index.md");
      const dataFile = readdirSync(path.join(root, "data-files", "s02_image")).find((name) => name.endsWith(".out")) ?? "";
      expect(dataFile).not.toBe("");
      writeFileSync(lesson, `${readFileSync(lesson, "utf8")}\nOne more paragraph, with a [link][site_3].\n`);
      writeFileSync(path.join(root, "data-files", "s02_image", dataFile), "changed output\n");
      build("cached");
      build("edited-cold", "--no-cache");
      const cold = tree(path.join(work, "edited-cold"));
      expect(differences(cold, tree(path.join(work, "cached")))).toEqual([]);
      expect(cold.get(path.join("s02_image", "files", dataFile))?.toString()).toBe("changed output\n");
    },
    timeout,
  );

  it(
    "leave a cache alone with --no-cache",
    () => {
      rmSync(path.join(root, ".lessons-cache"), { recursive: true, force: true });
      build("no-cache", "--no-cache");
      expect(existsSync(path.join(root, ".lessons-cache"))).toBe(false);
    },
    timeout,
  );
});
