import { Command } from "commander";
import { buildSite } from "../pipeline/build-site.js";
import type { Run } from "./invocation.js";
import { projectPaths, requireProjectFolder, withFormatOption, withProjectOptions, type FormatOptions } from "./options.js";
import { failed, printMessages } from "./report.js";

/** `lessons check`: report every diagnostic, with the lints `build` leaves out, without writing anything. */
export function checkCommand(run: Run): Command {
  return withFormatOption(withProjectOptions(new Command("check")))
    .description("report every diagnostic, with the lints build leaves out (unused files and entries), without writing any output")
    .option("--strict", "treat warnings as errors (exit 1 on any diagnostic)")
    .action(async (options: FormatOptions & { root: string; out?: string; strict?: boolean }) => {
      const { root } = projectPaths(options, run.cwd);
      requireProjectFolder(root);
      const result = await buildSite({ root });
      printMessages(run, result.messages, root, options.format);
      if (failed(result.messages, options.strict ?? false)) run.exitCode = 1;
    });
}
