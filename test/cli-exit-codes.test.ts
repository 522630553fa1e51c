import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";
import { runLessons, spawnLessons } from "./helpers/run-lessons.js";

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "lessons-exit-"));
  mkdirSync(path.join(root, "content/lesson"), { recursive: true });
  writeFileSync(path.join(root, "content/index.md"), "# Home\n");
  writeFileSync(path.join(root, "content/lesson/index.md"), "# Lesson\n\nText.\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("lessons exit codes", () => {
  it("prints the help on stdout and exits 0 when called with no command", () => {
    const run = spawnLessons([], root);
    expect(run.stdout).toMatch(/^Usage: lessons \[options\] \[command\]/);
    expect(run.stdout).toMatch(/^\s+init \[options\] \[dir\]/m);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("prints its version and exits 0 with --version", () => {
    const run = spawnLessons(["--version"], root);
    expect(run.stdout).toBe(`${manifest.version}\n`);
    expect(run.status).toBe(0);
  });

  it.each([
    [["build", "--frob"], "lessons: unknown option '--frob' (see `lessons build --help`)"],
    [["build", "--strickt"], "lessons: unknown option '--strickt'; did you mean --strict? (see `lessons build --help`)"],
    [["buil"], "lessons: unknown command 'buil'; did you mean build? (see `lessons --help`)"],
    [
      ["build", "--threads", "abc"],
      "lessons: option '--threads <n>' argument 'abc' is invalid. expected a whole number of threads, 0 or more (see `lessons build --help`)",
    ],
    [
      ["check", "--format", "xml"],
      "lessons: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, github (see `lessons check --help`)",
    ],
  ])("exits 2 with one line and a hint for %j, and builds nothing", async (args, line) => {
    const run = await runLessons(args, root);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
    expect(() => readFileSync(path.join(root, "dist/index.html"))).toThrow();
  });

  it("shows a shell exit code 2 for a usage error", () => {
    const run = spawnLessons(["build", "--frob"], root);
    expect(run.stderr).toBe("lessons: unknown option '--frob' (see `lessons build --help`)\n");
    expect(run.status).toBe(2);
  });

  it("exits 0 after a build without errors", () => {
    const run = spawnLessons(["build", "--out", path.join(root, "site")], root);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(root, "site/lesson/index.html"), "utf8")).toContain("Lesson");
  });

  it("says in one line, with exit code 70, that it cannot load when the compiled code is missing", () => {
    const unbuilt = path.join(root, "unbuilt");
    mkdirSync(path.join(unbuilt, "bin"), { recursive: true });
    copyFileSync(path.join(repoRoot, "bin/lessons.js"), path.join(unbuilt, "bin/lessons.js"));
    const run = spawnSync(process.execPath, [path.join(unbuilt, "bin/lessons.js"), "build"], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toMatch(
      /^lessons: internal error: cannot load the command line \(.*\); is lessons compiled \(npm run compile\)\?\n$/,
    );
    expect(run.status).toBe(70);
  });
});
