import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { devCommand } from "./dev.js";
import { initCommand } from "./init.js";
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
 * and exit code 2 as for every other usage error.
 */
function reportMisuseAsUsageErrors(command: Command, name: string): void {
  command.configureOutput({ outputError: () => undefined });
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
  for (const sub of command.commands) reportMisuseAsUsageErrors(sub, `${name} ${sub.name()}`);
}

/** The `lessons` command line. */
export function createProgram(): Command {
  const program = new Command("lessons")
    .description("Build a cross-linked website and slide decks from Markdown lessons")
    .version(packageVersion(), "-V, --version", "print the version of lessons")
    .addCommand(initCommand())
    .addCommand(buildCommand())
    .addCommand(checkCommand())
    .addCommand(devCommand())
    .addCommand(refreshCommand());
  reportMisuseAsUsageErrors(program, "lessons");
  return program;
}

/** Exit code for a failure of the generator itself, not of the project (`EX_SOFTWARE` in sysexits.h). */
export const internalErrorExitCode = 70;

/**
 * Anything thrown past a command is a bug in lessons (an author's mistake is
 * a diagnostic, never an exception): say so in one line instead of a stack
 * trace, which `LESSONS_DEBUG=1` shows for whoever fixes it.
 */
function reportInternalError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`lessons: internal error: ${message.split("\n")[0] ?? ""} (a bug in lessons, not in your project)\n`);
  if (process.env.LESSONS_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = internalErrorExitCode;
}

try {
  const program = createProgram();
  // `lessons` alone asks what it can do: the help, on stdout, as a success.
  if (process.argv.length <= 2) program.outputHelp();
  else await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError && error.exitCode === 0) {
    process.exitCode = 0;
  } else if (error instanceof UsageError) {
    process.stderr.write(`lessons: ${error.message}\n`);
    process.exitCode = usageErrorExitCode;
  } else {
    reportInternalError(error);
  }
}
