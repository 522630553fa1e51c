import { statSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { diagnosticFormats, type DiagnosticFormat } from "../diagnostics/format.js";
import type { Invocation } from "./invocation.js";

/** Options every command shares. */
export interface ProjectOptions {
  root: string;
  out: string;
}

/** Add `--root` to a command. */
export function withRootOption(command: Command): Command {
  return command.option("--root <dir>", "project folder (content/ layout or the older NN_slug/ layout)", ".");
}

/** Add `--root` and `--out` to a command. */
export function withProjectOptions(command: Command): Command {
  return withRootOption(command).option("--out <dir>", "output folder (default: <root>/dist)");
}

/** Add `--format text|json|github`: how diagnostics are printed. */
export function withFormatOption(command: Command): Command {
  return command.addOption(
    new Option("--format <format>", "how to print diagnostics: text, json (for editors) or github (Actions annotations)")
      .choices(diagnosticFormats)
      .default("text"),
  );
}

/** The options {@link withFormatOption} adds. */
export interface FormatOptions {
  format: DiagnosticFormat;
}

/** Absolute root and output folders from parsed options, relative ones taken from the folder `lessons` runs in. */
export function projectPaths(options: { root: string; out?: string }, cwd: string): ProjectOptions {
  const root = path.resolve(cwd, options.root);
  return { root, out: path.resolve(cwd, options.out ?? path.join(root, "dist")) };
}

/** True when progress and colour should be shown: an interactive terminal outside CI. */
export function isInteractive(invocation: Invocation): boolean {
  return Boolean(invocation.stderr.isTTY) && !invocation.env.CI;
}

/** Exit code for a command called wrongly (`EX_USAGE` in sysexits.h). */
export const usageErrorExitCode = 2;

/** A mistake in how the command was called (a missing project folder, …): shown as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Throw a {@link UsageError} unless `root` is a folder. */
export function requireProjectFolder(root: string): void {
  const isFolder = () => {
    try {
      return statSync(root).isDirectory();
    } catch {
      return false;
    }
  };
  if (!isFolder()) throw new UsageError(`the project folder ${root} does not exist or is not a folder`);
}
