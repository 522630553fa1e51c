import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { buildCached } from "../cache/build-cached.js";
import { defaultCacheDir, openBuildCache } from "../cache/store.js";
import { createTimings, formatTimings } from "../diagnostics/timings.js";
import { writeSite, type WriteSummary } from "../write/write.js";
import { handlePendingSignals } from "../write/pending-signals.js";
import { outputFolder, recoverInterruptedWrite } from "../write/swap.js";
import type { FolderLock } from "../write/folder-lock.js";
import { outputFolderProblem } from "../project/output-folder.js";
import { BuildRefused, lockBuild } from "./build-locks.js";
import type { Run } from "./invocation.js";
import { projectPaths, requireProjectFolder, UsageError, withFormatOption, withProjectOptions, type FormatOptions } from "./options.js";
import { failed, printMessages } from "./report.js";
import { startProgress } from "./progress.js";
import { listenForStop, type StopSignals } from "./stop-signals.js";

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

/** Where a build reads and writes. */
interface BuildPaths {
  root: string;
  out: string;
  /** `out` as the messages name it. */
  outName: string;
  cacheDir: string | undefined;
}

/** Build the site and write it into the output folder; `writing` is called as the write begins. */
async function buildAndWrite(run: Run, options: BuildOptions, paths: BuildPaths, stop: StopSignals, writing: () => void): Promise<void> {
  const { root, out, outName, cacheDir } = paths;
  const progress = startProgress(run);
  const started = performance.now();
  const timings = options.timings ? createTimings() : undefined;
  const cache = cacheDir ? openBuildCache(cacheDir) : undefined;
  const keepGoing = options.keepGoing ?? false;
  const threads = options.threads ?? "auto";
  const result = await buildCached({ root, progress: progress.stage, timings, threads, markErrors: keepGoing, withoutLints: true }, cache);
  printMessages(run, result.messages, root, options.format);
  if (cache?.writeProblem) {
    run.stderr.write(
      `lessons: warning: cannot write the build cache in ${cache.dir} (${cache.writeProblem}); the next build does more work\n`,
    );
  }
  const hasErrors = failed(result.messages, options.strict ?? false);
  if (hasErrors && !keepGoing) {
    progress.done();
    run.stderr.write(`build failed: ${outName} left as it was\n`);
    run.exitCode = 1;
    return;
  }
  // A signal sent during the build's synchronous work reaches the listener here, and ends the process before the write.
  await handlePendingSignals();
  writing();
  progress.stage("writing");
  const writeStarted = performance.now();
  let summary: WriteSummary;
  try {
    summary = await writeSite(out, result.files, { signal: stop.signal });
  } catch (error) {
    progress.done();
    if (stop.signal.aborted) {
      run.stderr.write(`lessons: stopped by ${stop.received()}; ${outName} left as it was\n`);
      run.exitCode = stop.exitCode() ?? 1;
    } else {
      run.stderr.write(`lessons: cannot write the site to ${out}: ${(error as Error).message}; the previous site is left as it was\n`);
      run.exitCode = 1;
    }
    return;
  }
  timings?.add("write (copy assets, write pages)", performance.now() - writeStarted);
  progress.done();
  if (summary.inPlace) {
    run.stderr.write(
      `lessons: ${outName} was changed file by file, not as a whole, because ${summary.inPlace}: a build killed while writing would leave a mix of old and new files\n`,
    );
  }
  await handlePendingSignals();
  if (stop.signal.aborted) {
    run.stderr.write(`lessons: stopped by ${stop.received()} once the new site was in ${outName}\n`);
    run.exitCode = stop.exitCode() ?? 1;
    return;
  }
  if (timings) run.stderr.write(`${formatTimings("build", timings.entries())}\n`);
  const pages = result.files.filter((file) => file.path.endsWith(".html")).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const withErrors = hasErrors ? ", with errors (see above)" : "";
  run.stderr.write(`built ${pages} pages (${result.files.length} files) into ${outName} in ${seconds} s${withErrors}\n`);
  if (hasErrors) run.exitCode = 1;
}

/**
 * `lessons build`: build the site into the output folder; errors leave the previous output untouched. One build at a
 * time per output folder and cache (`build-locks.ts`); a build stopped by SIGINT or SIGTERM leaves the previous site.
 */
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
      const outName = path.relative(run.cwd, out) || out;
      const target = outputFolder(out);
      const cacheDir = options.cache ? defaultCacheDir(root, out) : undefined;
      const locks: FolderLock[] = [];
      let writing = false;
      // Until the write begins, nothing in or beside the output folder is this build's, so a signal ends the process at
      // once; during the write, it aborts the write, which removes its staging folder, and the build ends there.
      const stop = listenForStop((signal) => {
        if (writing) return;
        for (const lock of locks) lock.release();
        run.stderr.write(`lessons: stopped by ${signal}; ${outName} left as it was\n`);
        process.exit(stop.exitCode() ?? 1);
      });
      try {
        await lockBuild(run, target, cacheDir, stop.signal, locks);
        // A build killed between the renames of its swap left no output folder: put the whole site back before anything
        // fails; what cannot be put right here, the write tries again and reports.
        try {
          recoverInterruptedWrite(target);
        } catch {
          // The write's own recovery fails the same way, and says why.
        }
        await buildAndWrite(run, options, { root, out, outName, cacheDir }, stop, () => (writing = true));
      } catch (error) {
        if (!(error instanceof BuildRefused)) throw error;
        run.stderr.write(`lessons: ${error.message}\n`);
        run.exitCode = 1;
      } finally {
        stop.release();
        for (const lock of locks) lock.release();
      }
    });
}
