import { Command } from "commander";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";

/** The `lessons` command line. */
export function createProgram(): Command {
  return new Command("lessons")
    .description("Build a cross-linked website and slide decks from Markdown lessons")
    .showHelpAfterError()
    .addCommand(buildCommand())
    .addCommand(checkCommand());
}

await createProgram().parseAsync(process.argv);
