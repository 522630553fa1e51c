import { availableParallelism } from "node:os";
import path from "node:path";
import { VFile } from "vfile";
import type { LessonHtml } from "../html/sections.js";
import type { LessonFolder } from "../project/layout.js";
import { factsOf } from "../site/lesson-facts.js";
import type { LessonFacts } from "../site/model.js";
import { restoreMessages, type SerializedMessage } from "../diagnostics/serialized-messages.js";
import type { StageTimings } from "../diagnostics/timings.js";
import { startLessonPool, workersAvailable, type LessonPool } from "./lesson-pool.js";
import { createLessonReader, type LessonOutcome, type LessonReader, type LessonTask } from "./lesson-reader.js";
import type { LessonFactsOutcome, LessonMemo } from "./memo.js";

/**
 * Below this many lessons to read, worker threads cost more than they save:
 * two threads cost 1.5–2 s of CPU more than one (each loads unified and
 * shiki and compiles its grammars before its first lesson), while a lesson
 * of the benchmark course takes about 0.3 s; with two CPUs giving about
 * 1.3× (garbage collection keeps the second one busy), the break-even is
 * near ten lessons (see bench/RESULTS.md).
 */
export const parallelThreshold = 12;

/** How the lesson document stage runs. */
export interface LessonStageOptions {
  root: string;
  sharedDefinitions: string;
  /** Worker threads: a number, or "auto" (one per CPU when at least {@link parallelThreshold} lessons need reading). */
  threads: number | "auto";
  memo: LessonMemo;
  timings: StageTimings | undefined;
  progress: (stage: string) => void;
  /** A reader that outlives this stage, for lessons read on this thread (else one is made, and disposed of at the end). */
  reader?: (() => Promise<LessonReader>) | undefined;
}

/** Lessons after the document stage, in the order asked for. */
export interface ReadLessons {
  files: VFile[];
  /** The files of the lessons the site leaves out (not in the home page's `lessons:` list): read, so their problems are still reported. */
  unlisted: VFile[];
  facts: LessonFacts[];
  /**
   * The body of a lesson, for its pages: in memory when this build read it,
   * else from the memo, else (when the memo has lost it) read again.
   */
  bodyOf(slug: string): Promise<LessonHtml>;
}

/** The lesson document stage, started before the site order is known. */
export interface LessonStage {
  /** The lessons in `ordered` (a subset of the folders the stage started with), in that order. */
  collect(ordered: LessonFolder[]): Promise<ReadLessons>;
  /** Stop the worker threads or release the highlighter, once every lesson has been read; safe to call twice. */
  close(): Promise<void>;
}

function threadCount(option: number | "auto", lessons: number): number {
  if (!workersAvailable()) return 0;
  if (option !== "auto") return Math.max(0, Math.floor(option));
  return lessons >= parallelThreshold ? availableParallelism() : 0;
}

/** The lesson's file as the rest of the build sees it: its path relative to the root and its messages (code frames are read from disk). */
function lessonFile(root: string, folder: LessonFolder, messages: readonly SerializedMessage[]): VFile {
  const file = new VFile({ path: path.relative(root, folder.file), cwd: root });
  restoreMessages(file, messages);
  return file;
}

/**
 * Start the document stage for every lesson: from the memo when it has the
 * lesson's outcome, else on worker threads when enough lessons need
 * reading to pay for starting them, else on this thread. Reading starts at
 * once, so the caller can read the home page, glossary and bibliography
 * meanwhile; lessons the home page leaves out are read for their problems
 * but never collected.
 */
export function startLessonStage(folders: LessonFolder[], options: LessonStageOptions): LessonStage {
  const started = performance.now();
  const startedAt = Date.now();
  const { memo } = options;
  const hits = new Map<LessonFolder, LessonFactsOutcome>();
  for (const folder of folders) {
    const outcome = memo.facts(folder);
    if (outcome) hits.set(folder, { ...outcome, timings: [] });
  }
  options.timings?.add("lessons: read from cache", performance.now() - started);
  const misses = folders.filter((folder) => !hits.has(folder));
  const threads = threadCount(options.threads, misses.length);
  let done = 0;
  const finished = (folder: LessonFolder) => {
    done += 1;
    options.progress(`lesson ${done}/${misses.length}: ${folder.slug}`);
  };
  const task = (folder: LessonFolder): LessonTask => ({
    folder,
    root: options.root,
    sharedDefinitions: options.sharedDefinitions,
    highlighted: memo.highlighted(folder),
    keepHighlighted: memo.keepsHighlighted,
  });
  let release: () => Promise<void> = async () => undefined;
  let read: (folder: LessonFolder) => Promise<LessonOutcome> = () => Promise.reject(new Error("internal: no lesson reader"));
  if (misses.length > 0 && threads > 0) {
    const pool: Promise<LessonPool> = startLessonPool(threads);
    read = async (folder) => (await pool).read(task(folder));
    release = async () => (await pool).close();
  } else if (misses.length > 0) {
    const reader: Promise<LessonReader> = options.reader?.() ?? createLessonReader();
    let previous: Promise<unknown> = Promise.resolve();
    read = (folder) => {
      const outcome = previous.then(async () => (await reader).read(task(folder)));
      previous = outcome.catch(() => undefined);
      return outcome;
    };
    if (!options.reader) release = async () => (await reader).dispose();
  }
  /** The bodies of the lessons this build read and the memo did not keep, by slug (a kept body is asked of the memo). */
  const bodies = new Map<string, LessonHtml>();
  const outcomes = folders.map(async (folder): Promise<LessonFactsOutcome> => {
    const hit = hits.get(folder);
    if (hit) return hit;
    const { document, ...outcome } = await read(folder);
    finished(folder);
    const facts = factsOf(document);
    if (!memo.keep(folder, { document, ...outcome }, facts, startedAt)) bodies.set(folder.slug, document.body);
    // The highlighted blocks are for the memo: kept now, they need not stay in memory.
    return { ...outcome, facts, highlighted: [] };
  });
  // Failures surface in `collect`; until then they must not count as unhandled.
  for (const outcome of outcomes) outcome.catch(() => undefined);
  const byFile = new Map(folders.map((folder, at) => [folder.file, { folder, outcome: outcomes[at] }]));
  const bySlug = new Map(folders.map((folder) => [folder.slug, folder]));
  /** A reader on this thread for lessons whose body the memo has lost, made when first needed. */
  let rereader: Promise<LessonReader> | undefined;
  let closed: Promise<void> | undefined;
  const close = async () => {
    closed ??= Promise.allSettled(outcomes).then(release);
    await closed;
    const made = rereader;
    rereader = undefined;
    if (made && !options.reader) (await made).dispose();
  };
  const bodyOf = async (slug: string): Promise<LessonHtml> => {
    const folder = bySlug.get(slug);
    if (!folder) throw new Error(`internal: no lesson "${slug}"`);
    const body = bodies.get(slug) ?? memo.body(folder);
    if (body) return body;
    const started = performance.now();
    rereader ??= options.reader?.() ?? createLessonReader();
    const outcome = await (await rereader).read(task(folder));
    options.timings?.add("lessons: read again, their bodies lost from the cache", performance.now() - started);
    memo.keep(folder, outcome, factsOf(outcome.document), startedAt);
    return outcome.document.body;
  };
  return {
    close,
    async collect(ordered) {
      try {
        const wanted = ordered.map((folder) => {
          const found = byFile.get(folder.file);
          if (!found?.outcome) throw new Error(`internal: ${folder.slug} was never read`);
          return found as { folder: LessonFolder; outcome: Promise<LessonFactsOutcome> };
        });
        const read = await Promise.all(wanted.map(({ outcome }) => outcome));
        const mode = misses.length === 0 ? "none read" : threads > 0 ? `${threads} threads` : "main thread";
        options.timings?.add(`lessons: document stage (wall, ${misses.length} read, ${mode})`, performance.now() - started);
        const files = wanted.map(({ folder }, at) => lessonFile(options.root, folder, (read[at] as LessonFactsOutcome).messages));
        for (const outcome of read) for (const [stage, ms] of outcome.timings) options.timings?.add(`lessons: ${stage}`, ms);
        const listed = new Set(ordered.map((folder) => folder.file));
        const left = folders.flatMap((folder, at) => (listed.has(folder.file) ? [] : [{ folder, outcome: outcomes[at] }]));
        const unlisted = await Promise.all(
          left.map(async ({ folder, outcome }) => lessonFile(options.root, folder, ((await outcome) as LessonFactsOutcome).messages)),
        );
        return { files, unlisted, facts: read.map((outcome) => outcome.facts), bodyOf };
      } finally {
        await close();
      }
    },
  };
}
