import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixture-project.js";

/** What a run of the command line left: its exit code and output. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run this checkout's `lessons` command line from `cwd`, as a user would in a terminal outside CI. */
export function runLessons(args: string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "bin/lessons.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "1", LESSONS_DEBUG: "" },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
