import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";
import { runLessons } from "./helpers/run-lessons.js";

const temporaries: string[] = [];
afterEach(() => {
  for (const dir of temporaries.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A course in `<tmp>/course` whose lesson links an unknown glossary key on line 3, columns 4 to 25. */
function courseWithDefect(): { tmp: string; root: string; lesson: string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "lessons-formats-"));
  temporaries.push(tmp);
  const root = path.join(tmp, "course");
  mkdirSync(path.join(root, "content/lesson"), { recursive: true });
  writeFileSync(path.join(root, "content/index.md"), "# Home\n");
  const lesson = path.join(root, "content/lesson/index.md");
  writeFileSync(lesson, "# Lesson\n\nAn [unknown term](g:nope), 50% sure.\n");
  return { tmp, root, lesson };
}

/** Stop a dev server as Ctrl-C would, and wait until it is gone (killed if it has not stopped within 5 s), so that none outlives its test. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(kill);
}

const diagnostic = {
  file: "content/lesson/index.md",
  line: 3,
  column: 4,
  endLine: 3,
  endColumn: 26,
  severity: "error",
  rule: "glossary-key",
  message: 'unknown glossary key "nope"',
};

describe("diagnostics for editors and CI", () => {
  it("lessons build --format json prints each diagnostic with where it starts and ends, and exits 1", async () => {
    const { root } = courseWithDefect();
    const run = await runLessons(["build", "--format", "json"], root);
    expect(JSON.parse(run.stdout)).toEqual([diagnostic]);
    expect(run.status).toBe(1);
  });

  it("lessons build --format json prints an empty list for a course without diagnostics", async () => {
    const { root, lesson } = courseWithDefect();
    writeFileSync(lesson, "# Lesson\n\nFine.\n");
    const run = await runLessons(["build", "--format", "json"], root);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("lessons build --format github prints an Actions annotation with the file's path from the working folder", async () => {
    const { tmp } = courseWithDefect();
    const run = await runLessons(["build", "--root", "course", "--format", "github"], tmp);
    expect(run.stdout).toBe(
      "::error file=course/content/lesson/index.md,line=3,endLine=3,col=4,endColumn=26,title=glossary-key::" +
        'unknown glossary key "nope" [glossary-key]\n',
    );
    expect(run.status).toBe(1);
  });

  it("the VS Code problem matcher in the README reads each diagnostic of a text build", async () => {
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const tasks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((block) => block[1] ?? "")
      .find((block) => block.includes("problemMatcher"));
    const { pattern } = (JSON.parse(tasks ?? "{}") as { tasks: { problemMatcher: { pattern: Record<string, string | number> } }[] })
      .tasks[0]!.problemMatcher;
    const { root } = courseWithDefect();
    const run = await runLessons(["build"], root);
    const matched = run.stderr
      .split("\n")
      .map((line) => new RegExp(String(pattern.regexp)).exec(line))
      .filter((match) => match !== null);
    expect(
      matched.map((match) => ({
        file: match[Number(pattern.file)],
        line: Number(match[Number(pattern.line)]),
        column: Number(match[Number(pattern.column)]),
        severity: match[Number(pattern.severity)],
        message: match[Number(pattern.message)],
        rule: match[Number(pattern.code)],
      })),
    ).toEqual([{ file: diagnostic.file, line: 3, column: 4, severity: "error", message: diagnostic.message, rule: diagnostic.rule }]);
  });

  it("lessons dev --format json prints one line of JSON per build, the empty list once the defect is fixed", async () => {
    const { root, lesson } = courseWithDefect();
    const child = spawn(process.execPath, [path.join(repoRoot, "bin/lessons.js"), "dev", "--port", "0", "--no-cache", "--format", "json"], {
      cwd: root,
      env: { ...process.env, CI: "1" },
    });
    try {
      let stderr = "";
      const builds: unknown[] = [];
      const waiters: (() => void)[] = [];
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const lines = stderr.split("\n");
        stderr = lines.pop() ?? "";
        for (const line of lines) if (line.startsWith("[")) builds.push(JSON.parse(line));
        waiters.splice(0).forEach((wake) => wake());
      });
      const builtAtLeast = async (count: number) => {
        while (builds.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      };
      await builtAtLeast(1);
      expect(builds[0]).toEqual([diagnostic]);
      writeFileSync(lesson, "# Lesson\n\nFine.\n");
      await builtAtLeast(2);
      expect(builds[1]).toEqual([]);
    } finally {
      await stop(child);
    }
  });
});
