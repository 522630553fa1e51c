import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCourse } from "../bench/src/generate-course.js";
import { recoverInterruptedWrite } from "../src/write/swap.js";
import { spawnLessons, startLessons } from "./helpers/run-lessons.js";

/**
 * A module for `node --import` that counts the file operations of the
 * `lessons` process on the output folder and what lies beside it, logs
 * them to `LESSONS_TEST_OPS_LOG`, and after operation `LESSONS_TEST_STOP_AT`
 * sends the process `LESSONS_TEST_STOP_WITH` (SIGKILL, SIGINT, SIGTERM):
 * a kill at an exact point of the write, every run the same.
 */
const stopAfterOperations = `
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
const out = process.env.LESSONS_TEST_OUT;
const beside = path.join(path.dirname(out), "." + path.basename(out) + ".lessons-");
const stopAt = Number(process.env.LESSONS_TEST_STOP_AT ?? 0);
const log = process.env.LESSONS_TEST_OPS_LOG;
let count = 0;
for (const name of ["openSync", "writeFileSync", "linkSync", "mkdirSync", "renameSync", "rmSync", "unlinkSync", "rmdirSync", "chmodSync"]) {
  const original = fs[name];
  fs[name] = function (...args) {
    const result = original.apply(this, args);
    const [file] = args;
    if (typeof file === "string" && (file === out || file.startsWith(out + path.sep) || file.startsWith(beside))) {
      count += 1;
      const paths = name === "writeFileSync" ? [file] : args.filter((arg) => typeof arg === "string");
      if (log) fs.appendFileSync(log, name + " " + paths.join(" ") + "\\n");
      if (count === stopAt) process.kill(process.pid, process.env.LESSONS_TEST_STOP_WITH);
    }
    return result;
  };
}
syncBuiltinESMExports();
`;

/** Every file under `dir` by its path relative to it, with a hash of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), createHash("sha256").update(readFileSync(file)).digest("hex"));
  }
  return files;
}

function sameFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([file, hash]) => b.get(file) === hash);
}

/** Make `to` a copy of the folder `from` whose files are hard links to its files, as a site's unchanged files are. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkTree(path.join(from, entry.name), path.join(to, entry.name));
    else linkSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/** Date every file under `dir` well in the past, so that no copy of one is too recent to be recognised: runs do the same. */
function backdate(dir: string): void {
  const past = new Date(2020, 0, 1);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    utimesSync(path.join(entry.parentPath, entry.name), past, past);
}

describe("builds killed, stopped or run side by side while they write the site", () => {
  let work: string;
  let root: string;
  let out: string;
  let pristine: string;
  let oldSite: Map<string, string>;
  let newSite: Map<string, string>;
  let operations: string[];
  let hook: string;

  /** Put the output folder back to the whole previous site, with nothing beside it. */
  const resetOutput = () => {
    for (const name of readdirSync(work))
      if (name.startsWith(".site.") || name === "site") rmSync(path.join(work, name), { recursive: true });
    linkTree(pristine, out);
  };
  /** Build the edited course into the output folder, stopped by `signal` after file operation `at`. */
  const buildStopped = (at: number, signal: NodeJS.Signals) =>
    spawnLessons(["build", "--out", out], root, ["--import", hook], {
      LESSONS_TEST_OUT: out,
      LESSONS_TEST_STOP_AT: String(at),
      LESSONS_TEST_STOP_WITH: signal,
    });
  /** Which whole site `dir` holds, if it holds one. */
  const whichSite = (dir: string) => {
    if (!existsSync(dir)) return "none";
    const files = snapshot(dir);
    return sameFiles(files, oldSite) ? "old" : sameFiles(files, newSite) ? "new" : "a mix";
  };
  const beside = () => readdirSync(work).filter((name) => name.startsWith(".site."));

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-killed-"));
    root = path.join(work, "course");
    out = path.join(work, "site");
    pristine = path.join(work, "pristine");
    hook = path.join(work, "stop-after-operations.mjs");
    writeFileSync(hook, stopAfterOperations);
    hook = pathToFileURL(hook).href;
    const { slugs } = generateCourse(root, { lessons: 8, seed: 5, blocksPerLesson: 12 });
    backdate(root);
    expect(spawnLessons(["build", "--out", out], root).status).toBe(0);
    oldSite = snapshot(out);
    linkTree(out, pristine);
    // Every page changes (the course's title is on each), a lesson's pages and files go, the rest is kept.
    const home = path.join(root, "content", "index.md");
    writeFileSync(home, readFileSync(home, "utf8").replace("title: Generated Course", "title: Regenerated Course"));
    rmSync(path.join(root, "content", slugs.at(-1)!), { recursive: true });
    rmSync(path.join(root, "data-files", slugs.at(-1)!), { recursive: true });
    backdate(root);
    const reference = path.join(work, "reference");
    expect(spawnLessons(["build", "--out", reference], root).status).toBe(0);
    newSite = snapshot(reference);
    rmSync(reference, { recursive: true });
    resetOutput();
    const log = path.join(work, "operations.log");
    const counted = spawnLessons(["build", "--out", out], root, ["--import", hook], { LESSONS_TEST_OUT: out, LESSONS_TEST_OPS_LOG: log });
    expect(counted.status, counted.stderr).toBe(0);
    expect(whichSite(out)).toBe("new");
    operations = readFileSync(log, "utf8").trimEnd().split("\n");
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("leaves the whole old site or the whole new one when killed at any point of the write, and the next build finishes it", () => {
    const swapOut = operations.indexOf(`renameSync ${out} ${path.join(work, ".site.lessons-old")}`) + 1;
    const swapIn = operations.indexOf(`renameSync ${path.join(work, ".site.lessons-new")} ${out}`) + 1;
    expect(
      [swapOut, swapIn].every((at) => at > 0),
      operations.join("\n"),
    ).toBe(true);
    const spread = [0.05, 0.25, 0.5, 0.75, 0.95].map((share) => Math.max(1, Math.round(swapOut * share)));
    const points = [...spread, swapOut - 1, swapOut, swapIn, swapIn + 1, operations.length - 1];
    const seen: string[] = [];
    for (const at of points) {
      resetOutput();
      const killed = buildStopped(at, "SIGKILL");
      expect(killed.signal, `after operation ${at}: ${killed.stderr}`).toBe("SIGKILL");
      const now = whichSite(out);
      if (now === "none") {
        // Killed between the two renames: both whole sites are beside the output folder, for the next build to finish.
        expect(whichSite(path.join(work, ".site.lessons-old")), `after operation ${at}`).toBe("old");
        expect(whichSite(path.join(work, ".site.lessons-new")), `after operation ${at}`).toBe("new");
      } else {
        expect(now, `after operation ${at}`).not.toBe("a mix");
      }
      recoverInterruptedWrite(out);
      const recovered = whichSite(out);
      expect(["old", "new"], `after operation ${at}`).toContain(recovered);
      expect(beside().filter((name) => name !== ".site.lessons-lock")).toEqual([]);
      seen.push(`${now} → ${recovered}`);
    }
    expect(seen).toContain("old → old");
    expect(seen).toContain("none → new");
    expect(seen).toContain("new → new");
    const next = spawnLessons(["build", "--out", out], root);
    expect(next.status, next.stderr).toBe(0);
    expect(whichSite(out)).toBe("new");
    expect(beside()).toEqual([]);
  });

  it("puts the whole new site in place when the next build starts after a kill between the renames", () => {
    resetOutput();
    const swapOut = operations.indexOf(`renameSync ${out} ${path.join(work, ".site.lessons-old")}`) + 1;
    expect(buildStopped(swapOut, "SIGKILL").signal).toBe("SIGKILL");
    expect(existsSync(out)).toBe(false);
    const next = spawnLessons(["build", "--out", out], root);
    expect(next.status, next.stderr).toBe(0);
    expect(whichSite(out)).toBe("new");
    expect(beside()).toEqual([]);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("stops on %s during the write with exit code %i, one line, and the previous site left whole", (signal, code) => {
    resetOutput();
    const swapOut = operations.indexOf(`renameSync ${out} ${path.join(work, ".site.lessons-old")}`) + 1;
    const stopped = buildStopped(Math.round(swapOut / 2), signal);
    expect(stopped.status, stopped.stderr).toBe(code);
    expect(stopped.stderr.trimEnd().split("\n").at(-1)).toBe(`lessons: stopped by ${signal}; ../site left as it was`);
    expect(whichSite(out)).toBe("old");
    expect(beside()).toEqual([]);
  });

  it("stops on SIGINT before the write with exit code 130, one line, and nothing of its own left", () => {
    resetOutput();
    const stopped = buildStopped(1, "SIGINT");
    expect(stopped.status, stopped.stderr).toBe(130);
    expect(stopped.stderr).toBe("lessons: stopped by SIGINT; ../site left as it was\n");
    expect(whichSite(out)).toBe("old");
    expect(beside()).toEqual([]);
  });

  it("runs two builds into one output folder one after the other, leaving one whole site and nothing else", async () => {
    resetOutput();
    const runs = await Promise.all([startLessons(["build", "--out", out], root).done, startLessons(["build", "--out", out], root).done]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    expect(whichSite(out)).toBe("new");
    expect(beside()).toEqual([]);
    expect(snapshot(out).size).toBe(newSite.size);
  });

  it("waits for a live build holding the output folder, saying so once, and refuses one on another machine", async () => {
    resetOutput();
    const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const lockFile = path.join(work, ".site.lessons-lock");
    try {
      await new Promise((resolve) => other.once("spawn", resolve));
      writeFileSync(lockFile, `${other.pid} ${os.hostname()}\n`);
      const waiting = startLessons(["build", "--out", out], root);
      const line = `lessons: waiting for process ${other.pid}, which is building into ../site\n`;
      await expect.poll(waiting.stderr, { timeout: 60_000 }).toContain(line);
      expect(whichSite(out)).toBe("old");
      other.kill();
      const run = await waiting.done;
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr.split(line)).toHaveLength(2);
      expect(whichSite(out)).toBe("new");
      expect(beside()).toEqual([]);
    } finally {
      other.kill();
    }
    writeFileSync(lockFile, "4242 build-server\n");
    const refused = spawnLessons(["build", "--out", out], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `lessons: process 4242 on build-server is building into ../site; if it no longer runs, delete ${lockFile}\n`,
    );
    rmSync(lockFile);
  });
});
