import path from "node:path";
import { Command } from "commander";
import { buildSite } from "../pipeline.js";
import { writeSite } from "../render/write.js";
import { projectPaths, withProjectOptions } from "./options.js";
import { failed, printMessages } from "./report.js";
import { startProgress } from "./progress.js";

/** `lessons build`: build the site into the output folder; errors leave the previous output untouched. */
export function buildCommand(): Command {
  return withProjectOptions(new Command("build"))
    .description("build the site into the output folder (default dist/)")
    .option("--strict", "treat warnings as errors")
    .action(async (options: { root: string; out?: string; strict?: boolean }) => {
      const { root, out } = projectPaths(options);
      if (root === out || !path.relative(out, root).startsWith("..")) {
        process.stderr.write(`lessons: the output folder ${out} must not contain the project\n`);
        process.exitCode = 2;
        return;
      }
      const progress = startProgress();
      const started = performance.now();
      const result = await buildSite({ root, progress: progress.stage });
      printMessages(result.messages, root);
      if (failed(result.messages, options.strict ?? false)) {
        progress.done();
        process.stderr.write(`build failed: ${path.relative(process.cwd(), out) || out} left as it was\n`);
        process.exitCode = 1;
        return;
      }
      progress.stage("writing");
      await writeSite(out, result.files);
      progress.done();
      const pages = result.files.filter((file) => file.path.endsWith(".html")).length;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      process.stderr.write(
        `built ${pages} pages (${result.files.length} files) into ${path.relative(process.cwd(), out) || out} in ${seconds} s\n`,
      );
    });
}
