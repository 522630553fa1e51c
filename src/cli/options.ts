import path from "node:path";
import type { Command } from "commander";

/** Options every command shares. */
export interface ProjectOptions {
  root: string;
  out: string;
}

/** Add `--root` and `--out` to a command. */
export function withProjectOptions(command: Command): Command {
  return command
    .option("--root <dir>", "project folder (content/ layout or the older NN_slug/ layout)", ".")
    .option("--out <dir>", "output folder (default: <root>/dist)");
}

/** Absolute root and output folders from parsed options. */
export function projectPaths(options: { root: string; out?: string }): ProjectOptions {
  const root = path.resolve(options.root);
  return { root, out: path.resolve(options.out ?? path.join(root, "dist")) };
}

/** True when progress and colour should be shown: an interactive terminal outside CI. */
export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}
