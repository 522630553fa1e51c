import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCourse } from "../bench/src/generate-course.js";
import { runCompiledLessons } from "./helpers/run-lessons.js";

/** Every file under `dir`, by path relative to it, with its bytes as text. */
function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else files.set(name, readFileSync(path.join(dir, name), "latin1"));
    }
  };
  walk("");
  return files;
}

/** The paths of `actual` whose bytes differ from `expected`'s, and those either lacks. */
function differences(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const paths = new Set([...actual.keys(), ...expected.keys()]);
  return [...paths].filter((file) => actual.get(file) !== expected.get(file)).sort();
}

/**
 * The cache is only a cache: whatever happened to it (entries deleted,
 * damaged, a blob cut short, an output file edited through its link, a
 * cache folder that cannot be written), a build exits 0 and writes the same
 * bytes as a build without the cache.
 */
describe("a damaged or unwritable cache", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-cache-faults-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A generated course built once with its cache; `expected()` is its site built without one. */
  async function course(name: string, options: { build?: boolean } = {}) {
    const root = path.join(work, name);
    const { slugs } = generateCourse(root, { lessons: 4, seed: 11 });
    const cache = path.join(root, ".lessons-cache", "v1");
    if (options.build ?? true) {
      const first = await runCompiledLessons(["build"], root);
      expect(first.status, first.stderr).toBe(0);
    }
    const build = async () => {
      const run = await runCompiledLessons(["build"], root);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      return run;
    };
    const expected = async () => {
      const out = path.join(work, `${name}-expected`);
      const run = await runCompiledLessons(["build", "--no-cache", "--out", out], root);
      expect(run.status, run.stderr).toBe(0);
      return filesOf(out);
    };
    const edit = (slug: string) => appendFileSync(path.join(root, "content", slug, "index.md"), "\nOne more line.\n");
    return { root, slugs, cache, build, expected, edit, site: () => filesOf(path.join(root, "dist")) };
  }

  it("builds the same site when its site, page and lesson body entries are deleted", async () => {
    const { root, cache, build, expected, site } = await course("deleted");
    for (const kind of ["site", "page", "body"]) rmSync(path.join(cache, kind), { recursive: true, force: true });
    const rebuilt = await runCompiledLessons(["build", "--timings"], root);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(/lessons: read again, their bodies lost from the cache/);
    expect(differences(site(), await expected())).toEqual([]);
    // And again, from what that build kept.
    await build();
    expect(differences(site(), await expected())).toEqual([]);
  });

  it("builds the same site when a byte of every page entry is flipped and a lesson is edited", async () => {
    const { cache, slugs, build, expected, site, edit } = await course("flipped");
    for (const name of readdirSync(path.join(cache, "page"))) {
      const file = path.join(cache, "page", name);
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 0xff, bytes.length - 3);
      writeFileSync(file, bytes);
    }
    edit(slugs[1]!);
    await build();
    expect(differences(site(), await expected())).toEqual([]);
  });

  it("never writes a blob cut short, into any output folder", async () => {
    const { root, cache, build, expected, site } = await course("truncated");
    for (const name of readdirSync(path.join(cache, "blob"))) truncateSync(path.join(cache, "blob", name), 10);
    await build();
    expect(differences(site(), await expected())).toEqual([]);
    const elsewhere = path.join(work, "truncated-elsewhere");
    const run = await runCompiledLessons(["build", "--out", elsewhere], root);
    expect(run.status, run.stderr).toBe(0);
    expect(differences(filesOf(elsewhere), await expected())).toEqual([]);
  });

  it("writes the built page again when a page of the built site was edited in place", async () => {
    const { root, build, expected, site } = await course("edited-output");
    appendFileSync(path.join(root, "dist", "index.html"), "<!-- edited by hand -->");
    await build();
    expect(differences(site(), await expected())).toEqual([]);
  });

  it("says in one line that a cache which cannot be written is not kept, and builds the same site", async () => {
    const { root, build, expected, site } = await course("unwritable", { build: false });
    // A file where the cache's folder of entries would be: nothing can be written under it, whoever runs the build.
    mkdirSync(path.join(root, ".lessons-cache"), { recursive: true });
    writeFileSync(path.join(root, ".lessons-cache", "v1"), "not a folder\n");
    const run = await build();
    const warnings = run.stderr.split("\n").filter((line) => line.includes("cannot write the build cache"));
    expect(warnings).toHaveLength(1);
    expect(differences(site(), await expected())).toEqual([]);
  });

  it("builds on a full cache disk, and keeps its results once the disk has room", async (context) => {
    const { root, slugs, build, expected, site, edit } = await course("full-disk", { build: false });
    const cacheFolder = path.join(root, ".lessons-cache");
    mkdirSync(cacheFolder, { recursive: true });
    const mount = (size: string) => spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", cacheFolder]);
    if (mount("64k").status !== 0) {
      context.skip("mounting a small disk needs privileges this machine does not give");
      return;
    }
    try {
      const full = await build();
      expect(full.stderr).toMatch(/cannot write the build cache .*ENOSPC/);
      expect(differences(site(), await expected())).toEqual([]);
      edit(slugs[0]!);
      await build();
      expect(differences(site(), await expected())).toEqual([]);
      // The disk is made larger: the next builds keep their results and replay them.
      spawnSync("mount", ["-o", "remount,size=64m", cacheFolder]);
      const roomy = await build();
      expect(roomy.stderr).not.toMatch(/cannot write the build cache/);
      const replayed = await runCompiledLessons(["build", "--timings"], root);
      expect(replayed.stderr).toMatch(/cache: replay site/);
      expect(differences(site(), await expected())).toEqual([]);
    } finally {
      spawnSync("umount", [cacheFolder]);
    }
  });
});
