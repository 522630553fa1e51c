import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { measureDevRebuild } from "./measure-dev.js";
import { generateCourse, type CourseSummary } from "./generate-course.js";

/** Median and range of a series of measurements. */
interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** One measured build: wall time, CPU time (user + system, all threads) and the peak resident memory of the process. */
interface Sample {
  seconds: number;
  cpuSeconds: number | undefined;
  maxRssMiB: number | undefined;
  stderr: string;
}

/** Everything measured on one course size. */
interface SizeResult {
  course: Omit<CourseSummary, "slugs">;
  cold: Stats;
  warm: Stats;
  oneLesson: Stats;
  coldCpu: Stats | undefined;
  coldRssMiB: Stats | undefined;
  warmRssMiB: Stats | undefined;
  timings: Record<string, Record<string, number>> | undefined;
  /** Cold builds of the same course by the peer, each right after one of ours (`--peer`). */
  peerCold: Stats | undefined;
  peerCpu: Stats | undefined;
  /** The stack's floor on the same course, each right after one of our cold builds (`--floor`). */
  floor: Stats | undefined;
}

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const timeBinary = "/usr/bin/time";

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, runs: values };
}

/** Run `node <args>` in its own process, timed, with its CPU time and peak memory where `/usr/bin/time` exists. */
function timedNode(args: string[], env: Record<string, string> = {}): Sample {
  const measureMemory = existsSync(timeBinary);
  const rssFile = path.join(os.tmpdir(), `lessons-bench-rss-${process.pid}.txt`);
  const command = measureMemory ? timeBinary : process.execPath;
  const started = performance.now();
  const child = spawnSync(command, [...(measureMemory ? ["-f", "%M %U %S", "-o", rssFile, process.execPath] : []), ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`build failed (exit ${String(child.status)}):\n${child.stderr.slice(-4000)}`);
  let maxRssMiB: number | undefined;
  let cpuSeconds: number | undefined;
  if (measureMemory) {
    const [kib, user, system] = (readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "").split(" ").map(Number);
    maxRssMiB = kib === undefined || Number.isNaN(kib) ? undefined : kib / 1024;
    cpuSeconds = user === undefined || system === undefined ? undefined : user + system;
    rmSync(rssFile, { force: true });
  }
  return { seconds, cpuSeconds, maxRssMiB, stderr: child.stderr };
}

function build(cli: string, root: string, out: string, extra: string[]): Sample {
  return timedNode([cli, "build", "--root", root, "--out", out, ...extra]);
}

/** The peer of the cold-build target, installed apart (`bench/peer/`): Eleventy 3 with markdown-it and shiki. */
const peerFolder = path.join(repoRoot, "bench", "peer");
const peerCli = path.join(peerFolder, "node_modules", "@11ty", "eleventy", "cmd.cjs");

/** A cold build of the course at `root` by the peer, into `out` (emptied first). */
function peerBuild(root: string, out: string): Sample {
  rmSync(out, { recursive: true, force: true });
  return timedNode([peerCli, `--config=${path.join(peerFolder, "eleventy.config.js")}`, `--output=${out}`, "--quiet"], {
    LESSONS_COURSE: root,
  });
}

/** The stack's floor (`floor.ts`): remark-parse and the project's highlighter over every lesson of the course at `root`. */
function floorPass(root: string): Sample {
  return timedNode([path.join(repoRoot, "bench", "lib", "floor.js"), root]);
}

function removeCaches(root: string): void {
  rmSync(path.join(root, ".lessons-cache"), { recursive: true, force: true });
  rmSync(path.join(root, "node_modules", ".cache", "lessons"), { recursive: true, force: true });
}

/** Parse the `--timings` table a build prints: `  <stage>  <n> ms` lines under `timings (<group>):` headings. */
function parseTimings(stderr: string): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  let group = "build";
  for (const line of stderr.split("\n")) {
    const heading = /^timings(?: \(([^)]+)\))?:/.exec(line);
    if (heading) {
      group = heading[1] ?? "build";
      result[group] = {};
      continue;
    }
    const row = /^\s+(\S.*?)\s+(\d+(?:\.\d+)?) ms$/.exec(line);
    if (row?.[1] && row[2]) (result[group] ??= {})[row[1]] = Number(row[2]);
  }
  return result;
}

function optionalStats(samples: Sample[], field: "maxRssMiB" | "cpuSeconds"): Stats | undefined {
  const values = samples.map((sample) => sample[field]);
  return values.every((value): value is number => value !== undefined) ? stats(values) : undefined;
}

function measureSize(options: {
  cli: string;
  lessons: number;
  runs: number;
  seed: number;
  timings: boolean;
  peer: boolean;
  floor: boolean;
  workDir: string;
}): SizeResult {
  const root = path.join(options.workDir, `course-${options.lessons}`);
  const out = path.join(options.workDir, `dist-${options.lessons}`);
  rmSync(root, { recursive: true, force: true });
  const { slugs, ...course } = generateCourse(root, { lessons: options.lessons, seed: options.seed });
  const log = (text: string) => process.stderr.write(`[${options.lessons} lessons] ${text}\n`);
  log(
    `generated: ${course.markdownLines} lines, ${(course.markdownBytes / 1e6).toFixed(2)} MB of Markdown, ${course.dataFileBlocks} data-file blocks`,
  );
  const cold: Sample[] = [];
  const peer: Sample[] = [];
  const floor: Sample[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    removeCaches(root);
    rmSync(out, { recursive: true, force: true });
    cold.push(build(options.cli, root, out, []));
    log(`cold ${run + 1}/${options.runs}: ${cold.at(-1)?.seconds.toFixed(2)} s (CPU ${cold.at(-1)?.cpuSeconds?.toFixed(2) ?? "?"} s)`);
    if (options.floor) {
      floor.push(floorPass(root));
      log(`floor ${run + 1}/${options.runs}: ${floor.at(-1)?.seconds.toFixed(2)} s (CPU ${floor.at(-1)?.cpuSeconds?.toFixed(2) ?? "?"} s)`);
    }
    if (options.peer) {
      peer.push(peerBuild(root, `${out}-peer`));
      log(
        `peer cold ${run + 1}/${options.runs}: ${peer.at(-1)?.seconds.toFixed(2)} s (CPU ${peer.at(-1)?.cpuSeconds?.toFixed(2) ?? "?"} s)`,
      );
    }
  }
  rmSync(`${out}-peer`, { recursive: true, force: true });
  const warm: Sample[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    warm.push(build(options.cli, root, out, []));
    log(`warm ${run + 1}/${options.runs}: ${warm.at(-1)?.seconds.toFixed(2)} s`);
  }
  const edited = path.join(root, "content", slugs[Math.floor(slugs.length / 2)] ?? "", "index.md");
  const original = readFileSync(edited, "utf8");
  const oneLesson: Sample[] = [];
  try {
    for (let run = 0; run < options.runs; run += 1) {
      writeFileSync(edited, `${original}\nAn edited paragraph, version ${run + 1}, with a [link][site_${run}].\n`);
      oneLesson.push(build(options.cli, root, out, []));
      log(`one lesson edited ${run + 1}/${options.runs}: ${oneLesson.at(-1)?.seconds.toFixed(2)} s`);
    }
  } finally {
    writeFileSync(edited, original);
  }
  let timings: Record<string, Record<string, number>> | undefined;
  if (options.timings) {
    removeCaches(root);
    rmSync(out, { recursive: true, force: true });
    const coldTimings = parseTimings(build(options.cli, root, out, ["--timings"]).stderr);
    const warmTimings = parseTimings(build(options.cli, root, out, ["--timings"]).stderr);
    timings = {};
    for (const [group, values] of Object.entries(coldTimings)) timings[`cold ${group}`] = values;
    for (const [group, values] of Object.entries(warmTimings)) timings[`warm ${group}`] = values;
  }
  return {
    course,
    cold: stats(cold.map((sample) => sample.seconds)),
    warm: stats(warm.map((sample) => sample.seconds)),
    oneLesson: stats(oneLesson.map((sample) => sample.seconds)),
    coldCpu: optionalStats(cold, "cpuSeconds"),
    coldRssMiB: optionalStats(cold, "maxRssMiB"),
    warmRssMiB: optionalStats(warm, "maxRssMiB"),
    timings,
    peerCold: peer.length > 0 ? stats(peer.map((sample) => sample.seconds)) : undefined,
    peerCpu: peer.length > 0 ? optionalStats(peer, "cpuSeconds") : undefined,
    floor: floor.length > 0 ? stats(floor.map((sample) => sample.seconds)) : undefined,
  };
}

function seconds(value: Stats): string {
  return `${value.median.toFixed(2)} s (${value.min.toFixed(2)}–${value.max.toFixed(2)})`;
}

function mebibytes(value: Stats | undefined): string {
  return value ? `${value.median.toFixed(0)} MiB (${value.min.toFixed(0)}–${value.max.toFixed(0)})` : "n/a";
}

function table(results: Record<string, SizeResult>): string {
  const rows = [
    "| Lessons | Markdown | Cold build | Cold CPU (user+sys) | Warm build (no change) | One lesson edited | Peak RSS (cold) | Peak RSS (warm) |",
    "|--------:|---------:|-----------:|--------------------:|-----------------------:|------------------:|----------------:|----------------:|",
  ];
  for (const [size, result] of Object.entries(results)) {
    const markdown = `${(result.course.markdownBytes / 1e6).toFixed(1)} MB`;
    rows.push(
      `| ${size} | ${markdown} | ${seconds(result.cold)} | ${result.coldCpu ? seconds(result.coldCpu) : "n/a"} | ${seconds(result.warm)} | ${seconds(result.oneLesson)} | ${mebibytes(result.coldRssMiB)} | ${mebibytes(result.warmRssMiB)} |`,
    );
  }
  return rows.join("\n");
}

function peerTable(results: Record<string, SizeResult>): string {
  const rows = Object.entries(results).flatMap(([size, result]) =>
    result.peerCold
      ? [
          `| ${size} | ${seconds(result.cold)} | ${seconds(result.peerCold)} | ${result.peerCpu ? seconds(result.peerCpu) : "n/a"} | ${(result.cold.median / result.peerCold.median).toFixed(2)}× |`,
        ]
      : [],
  );
  return [
    "| Lessons | Cold build | Peer cold build (Eleventy 3, markdown-it, shiki) | Peer CPU (user+sys) | Ratio of medians |",
    "|--------:|-----------:|-----------:|-----------:|-----:|",
    ...rows,
  ].join("\n");
}

function floorTable(results: Record<string, SizeResult>): string {
  const rows = Object.entries(results).flatMap(([size, result]) =>
    result.floor
      ? [`| ${size} | ${seconds(result.cold)} | ${seconds(result.floor)} | ${(result.cold.median / result.floor.median).toFixed(2)}× |`]
      : [],
  );
  return [
    "| Lessons | Cold build | Floor (remark-parse + the project's highlighter, same threads) | Cold ÷ floor (medians) |",
    "|--------:|-----------:|-----------:|-----:|",
    ...rows,
  ].join("\n");
}

function devTable(dev: Record<string, Stats>): string {
  const rows = Object.entries(dev).map(
    ([name, value]) => `| ${name} | ${Math.round(value.median)} ms (${Math.round(value.min)}–${Math.round(value.max)}) |`,
  );
  return ["| lessons dev: one lesson saved → new page served | median (min–max) |", "| --- | ---: |", ...rows].join("\n");
}

function timingTable(results: Record<string, SizeResult>): string {
  const lines: string[] = [];
  for (const [size, result] of Object.entries(results)) {
    for (const [group, values] of Object.entries(result.timings ?? {})) {
      lines.push(`${size} lessons, ${group}:`);
      for (const [stage, ms] of Object.entries(values)) lines.push(`  ${stage.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms`);
    }
  }
  return lines.join("\n");
}

const usage = `Usage: npm run bench -- [options]

Generate courses of 10 and 200 lessons (from a fixed seed) in the work
folder, time cold, warm and one-lesson builds, each in its own process,
with CPU time and peak memory, then \`lessons dev\` from a save to the new
page. Prints Markdown tables and writes the results as JSON.

Options:
  --quick            2 runs of each kind instead of 5
  --runs <n>         runs of each kind
  --sizes <list>     course sizes in lessons (default: 10,200)
  --seed <n>         seed of the generated courses (default: 20240601)
  --cli <file>       the lessons.js to measure (default: this checkout's)
  --timings          also print where the time goes, stage by stage
  --floor            after each cold build, the stack's floor on the same
                     course: every lesson parsed by remark-parse and its code
                     highlighted by the project's highlighter, on the same
                     worker threads, nothing else; and the ratio to it
  --peer             after each cold build, a cold build of the same course
                     by Eleventy 3 with markdown-it and shiki (install it
                     first: npm ci --prefix bench/peer), and their ratio
  --out <file>       results file (default: bench/output/results.json)
  --work-dir <dir>   where courses are generated (default: $TMPDIR/lessons-bench)
  -h, --help         show this help
`;

const optionSpecs = {
  quick: { type: "boolean", default: false },
  runs: { type: "string" },
  sizes: { type: "string", default: "10,200" },
  seed: { type: "string", default: "20240601" },
  cli: { type: "string", default: path.join(repoRoot, "bin", "lessons.js") },
  timings: { type: "boolean", default: false },
  peer: { type: "boolean", default: false },
  floor: { type: "boolean", default: false },
  out: { type: "string", default: path.join(repoRoot, "bench", "output", "results.json") },
  "work-dir": { type: "string", default: path.join(os.tmpdir(), "lessons-bench") },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** `npm run bench` (see {@link usage}). A usage mistake is reported in a line with the usage, exit code 2. */
export async function main(argv: string[]): Promise<void> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof optionSpecs }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: optionSpecs }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  if (values.peer && !existsSync(peerCli)) {
    process.stderr.write("--peer needs the peer installed first: npm ci --prefix bench/peer\n");
    process.exitCode = 2;
    return;
  }
  const runs = Number(values.runs ?? (values.quick ? 2 : 5));
  const sizes = values.sizes.split(",").map(Number);
  if (![runs, ...sizes, Number(values.seed)].every((value) => Number.isInteger(value) && value > 0)) {
    process.stderr.write(`--runs, --sizes and --seed take positive whole numbers\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const cli = path.resolve(values.cli);
  mkdirSync(values["work-dir"], { recursive: true });
  const results: Record<string, SizeResult> = {};
  for (const lessons of sizes) {
    results[String(lessons)] = measureSize({
      cli,
      lessons,
      runs,
      seed: Number(values.seed),
      timings: values.timings,
      peer: values.peer,
      floor: values.floor,
      workDir: values["work-dir"],
    });
  }
  const edits = Math.max(5, runs);
  const devCourses: Record<string, string> = { "this repository's site": repoRoot };
  for (const lessons of sizes.filter((size) => size >= 200))
    devCourses[`${lessons} lessons`] = path.join(values["work-dir"], `course-${lessons}`);
  const dev: Record<string, Stats> = {};
  for (const [name, root] of Object.entries(devCourses)) {
    process.stderr.write(`[lessons dev] ${name}: ${edits} edits\n`);
    dev[name] = stats(await measureDevRebuild(root, edits));
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cli,
    runs,
    seed: Number(values.seed),
    results,
    devSaveToServedMs: dev,
  };
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${table(results)}\n`);
  if (values.floor) process.stdout.write(`\n${floorTable(results)}\n`);
  if (values.peer) process.stdout.write(`\n${peerTable(results)}\n`);
  process.stdout.write(`\n${devTable(dev)}\n`);
  if (values.timings) process.stdout.write(`\n${timingTable(results)}\n`);
  process.stdout.write(
    `\n(${runs} runs each; median (min–max); Node ${process.version}, ${report.cpus} CPUs; results in ${path.relative(process.cwd(), values.out)})\n`,
  );
}
