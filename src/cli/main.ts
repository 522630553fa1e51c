import { Command } from "commander";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { devCommand } from "./dev.js";
import { UsageError } from "./options.js";
import { refreshCommand } from "./refresh.js";

/** The `lessons` command line. */
export function createProgram(): Command {
  return new Command("lessons")
    .description("Build a cross-linked website and slide decks from Markdown lessons")
    .showHelpAfterError()
    .addCommand(buildCommand())
    .addCommand(checkCommand())
    .addCommand(devCommand())
    .addCommand(refreshCommand());
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
  await createProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`lessons: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    reportInternalError(error);
  }
}
