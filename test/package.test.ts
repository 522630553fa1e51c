import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";

interface LockEntry {
  dev?: boolean;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
};
const tarballName = `${manifest.name}-${manifest.version}.tgz`;

let tmp: string;
let tarball: string;
let course: string;

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CI: "1" }, timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The repository as a clean clone has it (tracked and new files, nothing
 * ignored, so no compiled `lib/`), with this checkout's `node_modules` for
 * the compiler that `prepack` runs. Packing here, not in the checkout,
 * leaves the checkout's `lib/` alone while other tests use it.
 */
function cleanCopy(into: string): void {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: repoRoot, encoding: "utf8" })
    .split("\0")
    .filter((name) => name !== "" && existsSync(path.join(repoRoot, name)));
  for (const name of files) {
    mkdirSync(path.dirname(path.join(into, name)), { recursive: true });
    cpSync(path.join(repoRoot, name), path.join(into, name));
  }
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(into, "node_modules"));
}

/**
 * A lockfile for a project that depends on the tarball only: the tarball's
 * dependencies pinned to what this repository's lockfile pins. `npm ci
 * --offline` then installs every package from npm's cache, which `npm ci`
 * in this repository filled; `npm install` would also ask the registry for
 * each package's list of versions, which that cache does not hold.
 */
function courseLockfile(dependency: string): object {
  const ours = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const packages: Record<string, unknown> = {
    "": { name: "course", dependencies: { [manifest.name]: dependency } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: dependency,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [location, entry] of Object.entries(ours.packages)) if (location !== "" && !entry.dev) packages[location] = entry;
  return { name: "course", lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "lessons-package-"));
  const source = path.join(tmp, "source");
  cleanCopy(source);
  const packed = run("npm", ["pack", "--pack-destination", tmp], source);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  tarball = path.join(tmp, tarballName);

  course = path.join(tmp, "course");
  mkdirSync(course);
  const dependency = `file:../${tarballName}`;
  writeFileSync(
    path.join(course, "package.json"),
    JSON.stringify({ name: "course", private: true, dependencies: { [manifest.name]: dependency } }),
  );
  writeFileSync(path.join(course, "package-lock.json"), JSON.stringify(courseLockfile(dependency)));
  const installed = run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], course);
  if (installed.status !== 0) {
    const uncached = /ENOTCACHED/.test(installed.stderr)
      ? "npm's cache lacks a dependency; run `npm ci` in the repository first, which fills it, then run this test again.\n"
      : "";
    throw new Error(`installing the packed tarball offline failed. ${uncached}${installed.stderr}`);
  }
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("holds the compiled command line, its launcher and the templates, and no sources, tests or benchmark", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((name) => name.replace(/^package\//, ""));
    expect(files).toContain("bin/lessons.js");
    expect(files).toContain("lib/cli/main.js");
    expect(files).toContain("templates/layout.liquid");
    expect(files).toContain("starter/content/index.md");
    expect(files.filter((name) => /^(src|test|bench|scripts|content|data-files|docs)\//.test(name))).toEqual([]);
    expect(files.filter((name) => /(^|\/)bench|measure|\.test\.|\.ts$|\.map$/.test(name))).toEqual([]);
  });

  it("starts a course with `lessons init` and builds it, after being installed from the tarball in another folder", () => {
    const lessons = path.join(course, "node_modules/.bin/lessons");
    expect(run(lessons, ["init", "my-course"], course).status).toBe(0);
    const starter = path.join(course, "my-course");
    // Installed from a tarball, it installs the new course's lessons from that same tarball, wherever the course is.
    const dependencies = (JSON.parse(readFileSync(path.join(starter, "package.json"), "utf8")) as { dependencies: object }).dependencies;
    expect(dependencies).toEqual({ [manifest.name]: `file:${tarball}` });
    expect(existsSync(path.join(starter, ".gitignore"))).toBe(true);
    expect(existsSync(path.join(starter, ".github/workflows/pages.yml"))).toBe(true);
    const built = run(lessons, ["build"], starter);
    expect(built.stderr).toMatch(/^built \d+ pages/m);
    expect(built.status).toBe(0);
    expect(readFileSync(path.join(starter, "dist/first-program/index.html"), "utf8")).toContain("A First Program");
  });

  it("reports the version it was packed with", () => {
    const version = run(path.join(course, "node_modules/.bin/lessons"), ["--version"], course);
    expect(version.stdout).toBe(`${manifest.version}\n`);
    expect(version.status).toBe(0);
  });
});
