import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { buildCached } from "../cache/build-cached.js";
import { defaultCacheDir, openBuildCache } from "../cache/store.js";
import { createTimings, formatTimings } from "../diagnostics/timings.js";
import { writeSite } from "../write/write.js";
import { outputFolderProblem } from "../project/output-folder.js";
import type { Run } from "./invocation.js";
import { projectPaths, requireProjectFolder, UsageError, withFormatOption, withProjectOptions, type FormatOptions } from "./options.js";
import { failed, printMessages } from "./report.js";
import { startProgress } from "./progress.js";

function parseThreads(value: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 0) throw new InvalidArgumentError("expected a whole number of threads, 0 or more");
  return threads;
}

/** The options of `lessons build`, as commander parses them. */
type BuildOptions = FormatOptions & {
  root: string;
  out?: string;
  strict?: boolean;
  keepGoing?: boolean;
  cache: boolean;
  timings?: boolean;
  threads?: number;
};

/** `lessons build`: build the site into the output folder; errors leave the previous output untouched. */
export function buildCommand(run: Run): Command {
  return withFormatOption(withProjectOptions(new Command("build")))
    .description("build the site into the output folder (default dist/)")
    .option("--strict", "treat warnings as errors")
    .option("--keep-going", "write every page despite errors, with a note where each was found; still exit 1")
    .option("--no-cache", "neither read nor write the build cache (<root>/.lessons-cache, see README)")
    .option("--timings", "print how long each stage took")
    .option(
      "--threads <n>",
      "worker threads for reading lessons and highlighting view pages (default: one per CPU for large sites; 0: none)",
      parseThreads,
    )
    .action(async (options: BuildOptions) => {
      const { root, out } = projectPaths(options, run.cwd);
      requireProjectFolder(root);
      const problem = outputFolderProblem(root, out);
      if (problem) throw new UsageError(problem);
      const progress = startProgress(run);
      const started = performance.now();
      const timings = options.timings ? createTimings() : undefined;
      const cache = options.cache ? openBuildCache(defaultCacheDir(root, out)) : undefined;
      const keepGoing = options.keepGoing ?? false;
      const threads = options.threads ?? "auto";
      const result = await buildCached(
        { root, progress: progress.stage, timings, threads, markErrors: keepGoing, withoutLints: true },
        cache,
      );
      printMessages(run, result.messages, root, options.format);
      if (cache?.writeProblem) {
        run.stderr.write(
          `lessons: warning: cannot write the build cache in ${cache.dir} (${cache.writeProblem}); the next build does more work\n`,
        );
      }
      const hasErrors = failed(result.messages, options.strict ?? false);
      if (hasErrors && !keepGoing) {
        progress.done();
        run.stderr.write(`build failed: ${path.relative(run.cwd, out) || out} left as it was\n`);
        run.exitCode = 1;
        return;
      }
      progress.stage("writing");
      const writing = performance.now();
      try {
        await writeSite(out, result.files);
      } catch (error) {
        progress.done();
        run.stderr.write(`lessons: cannot write the site to ${out}: ${(error as Error).message}; the previous site is left as it was\n`);
        run.exitCode = 1;
        return;
      }
      timings?.add("write (copy assets, write pages)", performance.now() - writing);
      progress.done();
      if (timings) run.stderr.write(`${formatTimings("build", timings.entries())}\n`);
      const pages = result.files.filter((file) => file.path.endsWith(".html")).length;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const withErrors = hasErrors ? ", with errors (see above)" : "";
      run.stderr.write(
        `built ${pages} pages (${result.files.length} files) into ${path.relative(run.cwd, out) || out} in ${seconds} s${withErrors}\n`,
      );
      if (hasErrors) run.exitCode = 1;
    });
}
