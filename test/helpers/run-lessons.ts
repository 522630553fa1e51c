import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runCli } from "../../src/cli/program.js";
import { repoRoot } from "./fixture-project.js";

/** What a run of the command line left: its exit code and output. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user in a terminal outside CI, who has not asked for stack traces. */
const environment = { ...process.env, CI: "1", LESSONS_DEBUG: "" };

/** Run `cli` on `args` from `cwd`, keeping what it writes. */
async function capture(cli: typeof runCli, args: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const status = await cli(args, {
    cwd,
    env: environment,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/**
 * Run this checkout's `lessons` command line from `cwd`, as a user would in
 * a terminal outside CI, in this process: the same program as the binary,
 * without starting node and loading unified and shiki again for each run.
 */
export function runLessons(args: string[], cwd: string): Promise<Run> {
  return capture(runCli, args, cwd);
}

/**
 * Run the compiled command line (`lib/`) in this process. Only compiled
 * code reads lessons on worker threads, whose script must be JavaScript
 * (`pipeline/lesson-pool.ts`); from the TypeScript sources, every lesson is
 * read on this thread.
 */
export async function runCompiledLessons(args: string[], cwd: string): Promise<Run> {
  const compiled = (await import(pathToFileURL(path.join(repoRoot, "lib/cli/program.js")).href)) as { runCli: typeof runCli };
  return capture(compiled.runCli, args, cwd);
}

/** What a run of the binary in a child process left, with the signal that ended it, if one did. */
export interface ProcessRun extends Run {
  signal: NodeJS.Signals | null;
}

function binaryArguments(args: string[], nodeOptions: string[]): string[] {
  return [...nodeOptions, path.join(repoRoot, "bin/lessons.js"), ...args];
}

/**
 * Run the `lessons` binary (`bin/lessons.js`, on the compiled `lib/`) in a
 * child process, for what only a process shows: the exit code a shell sees,
 * output when the code cannot load, faults injected with `node` options
 * such as `--import`, and variables added to the environment (`env`).
 */
export function spawnLessons(args: string[], cwd: string, nodeOptions: string[] = [], env: Record<string, string> = {}): ProcessRun {
  const result = spawnSync(process.execPath, binaryArguments(args, nodeOptions), {
    cwd,
    encoding: "utf8",
    env: { ...environment, ...env },
    timeout: 120_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Start the `lessons` binary as {@link spawnLessons} does, without waiting:
 * for processes that run side by side. `stderr()` is what it has written so
 * far; `done` resolves when it ends.
 */
export function startLessons(
  args: string[],
  cwd: string,
  nodeOptions: string[] = [],
  env: Record<string, string> = {},
): { stderr: () => string; done: Promise<ProcessRun> } {
  const child = spawn(process.execPath, binaryArguments(args, nodeOptions), { cwd, env: { ...environment, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const done = new Promise<ProcessRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { stderr: () => stderr, done };
}
