import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { devCommand } from "./dev.js";
import { initCommand } from "./init.js";
import type { Invocation, Run } from "./invocation.js";
import { UsageError, usageErrorExitCode } from "./options.js";
import { refreshCommand } from "./refresh.js";

/** This package's version, from its `package.json`. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

/**
 * Make commander's complaints about how `command` was called (an unknown
 * option or command, a bad option value) usage errors: one line naming the
 * command, with its suggestion if it has one and a pointer to its help,
 * and exit code 2 as for every other usage error. Help and version go to
 * the run's stdout.
 */
function configureCommands(command: Command, name: string, run: Run): void {
  command.configureOutput({
    writeOut: (text) => void run.stdout.write(text),
    writeErr: (text) => void run.stderr.write(text),
    outputError: () => undefined,
  });
  command.exitOverride((error) => {
    if (error.exitCode === 0) throw error;
    const [problem = "", ...rest] = error.message.replace(/^error: /, "").split("\n");
    const suggestion = rest
      .join(" ")
      .trim()
      .replace(/^\((.*)\)$/, "$1");
    const hint = suggestion ? `; ${suggestion.charAt(0).toLowerCase()}${suggestion.slice(1)}` : "";
    throw new UsageError(`${problem.replace(/\.$/, "")}${hint} (see \`${name} --help\`)`);
  });
  for (const sub of command.commands) configureCommands(sub, `${name} ${sub.name()}`, run);
}

/** The `lessons` command line, for one run. */
function createProgram(run: Run): Command {
  const program = new Command("lessons")
    .description("Build a cross-linked website and slide decks from Markdown lessons")
    .version(packageVersion(), "-V, --version", "print the version of lessons")
    .addCommand(initCommand(run))
    .addCommand(buildCommand(run))
    .addCommand(checkCommand(run))
    .addCommand(devCommand(run))
    .addCommand(refreshCommand(run));
  configureCommands(program, "lessons", run);
  return program;
}

/** Exit code for a failure of the generator itself, not of the project (`EX_SOFTWARE` in sysexits.h). */
export const internalErrorExitCode = 70;

/**
 * Anything thrown past a command is a bug in lessons (an author's mistake is
 * a diagnostic, never an exception): say so in one line instead of a stack
 * trace, which `LESSONS_DEBUG=1` shows for whoever fixes it.
 */
function reportInternalError(run: Run, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  run.stderr.write(`lessons: internal error: ${message.split("\n")[0] ?? ""} (a bug in lessons, not in your project)\n`);
  if (run.env.LESSONS_DEBUG && error instanceof Error && error.stack) run.stderr.write(`${error.stack}\n`);
  run.exitCode = internalErrorExitCode;
}

/**
 * Run the command line on `args` (the words after `lessons`) and resolve to
 * its exit code: 0, 1 when the project has errors, 2 for a usage error, 70
 * for a bug in lessons. Nothing is written but to the invocation's streams.
 */
export async function runCli(args: string[], invocation: Invocation): Promise<number> {
  const run: Run = { ...invocation, exitCode: 0 };
  try {
    const program = createProgram(run);
    // `lessons` alone asks what it can do: the help, on stdout, as a success.
    if (args.length === 0) program.outputHelp();
    else await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) {
      run.exitCode = 0;
    } else if (error instanceof UsageError) {
      run.stderr.write(`lessons: ${error.message}\n`);
      run.exitCode = usageErrorExitCode;
    } else {
      reportInternalError(run, error);
    }
  }
  return run.exitCode;
}
