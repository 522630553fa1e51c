import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { VFile } from "vfile";
import { holesOf } from "../html/html-parts.js";
import type { HighlightedBlock } from "../html/highlighted-block.js";
import type { SectionHtml } from "../html/sections.js";
import type { LessonFolder } from "../project/layout.js";
import type { LessonDocument } from "../site/model.js";
import type { BuildCache } from "./cache.js";
import { hashParts } from "../project/hash.js";
import { startLessonPool, workersAvailable, type LessonPool } from "./lesson-pool.js";
import { createLessonReader, type LessonOutcome, type LessonReader, type LessonTask } from "./lesson-reader.js";
import { restoreMessages } from "./messages.js";
import type { StageTimings } from "../diagnostics/timings.js";

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
  cache: BuildCache | undefined;
  timings: StageTimings | undefined;
  progress: (stage: string) => void;
  /** A reader that outlives this stage, for lessons read on this thread (else one is made, and disposed of at the end). */
  reader?: (() => Promise<LessonReader>) | undefined;
}

/** What the cache knows about a lesson: the files it read, with their hashes, and the key of its outcome. */
interface LessonEntry {
  dependencies: [file: string, hash: string][];
  outcome: string;
}

/** A lesson folder with the key of its inputs, and the cached outcome's key when every input is unchanged. */
export interface LessonInput {
  folder: LessonFolder;
  /** Hash of the lesson's own inputs: its text, its folders' listings, the shared links and the generator. */
  key: string | undefined;
  /** Key of the cached outcome, when the files it read are unchanged too. */
  cached: string | undefined;
}

/**
 * Look every lesson up in the cache without reading any: hash its text, the
 * names in its folders (a missing or unused data file changes the output
 * too) and the files its cached outcome says it read.
 */
export function lessonInputs(
  folders: LessonFolder[],
  options: Pick<LessonStageOptions, "root" | "sharedDefinitions" | "cache">,
): LessonInput[] {
  return folders.map((folder) => {
    const cache = options.cache;
    if (!cache) return { folder, key: undefined, cached: undefined };
    const listings = [...new Set([folder.dir, folder.dataDir])].map((dir) => cache.listFolder(dir).join("\n"));
    const key = hashParts([
      cache.fingerprint,
      "lesson",
      options.root,
      folder.slug,
      folder.file,
      folder.dir,
      folder.dataDir,
      options.sharedDefinitions,
      cache.hashFile(folder.file),
      ...listings,
    ]);
    const entry = cache.read<LessonEntry>("lesson", key);
    const cached =
      entry &&
      outcomeKey(
        cache,
        key,
        entry.dependencies.map(([file]) => file),
      ) === entry.outcome
        ? entry.outcome
        : undefined;
    return { folder, key, cached };
  });
}

function dependenciesOf(outcome: LessonOutcome): string[] {
  return [...new Set([...outcome.usedFiles, ...outcome.document.assets.map((asset) => asset.source)])].sort();
}

function hashedDependencies(cache: BuildCache, files: string[]): [string, string][] {
  return files.map((file) => [file, cache.hashFile(file)]);
}

function outcomeKey(cache: BuildCache, key: string, files: string[]): string {
  return hashParts([key, ...hashedDependencies(cache, files).flat()]);
}

/**
 * What the site stage and the site-wide pages need of a lesson, for a
 * lesson whose pages come from the cache: everything but the body, whose
 * sections keep only their holes (which hold the reference placeholders,
 * in order, so numbering and checks come out the same), except exercises
 * and solutions, which the exercises page shows in full. Pages that show
 * the lesson's body load the whole document first.
 */
function outlineOf(document: LessonDocument): LessonDocument {
  const keepWhole = (section: SectionHtml) => section.classes.includes("exercise") || section.classes.includes("solution");
  return {
    ...document,
    body: {
      heading: document.body.heading,
      headingClasses: document.body.headingClasses,
      intro: holesOf(document.body.intro),
      sections: document.body.sections.map((section) =>
        keepWhole(section) ? section : { ...section, heading: holesOf(section.heading), body: holesOf(section.body) },
      ),
    },
  };
}

/** Lessons after the document stage, in the order asked for. */
export interface ReadLessons {
  files: VFile[];
  /** The files of the lessons the site leaves out (not in the home page's `lessons:` list): read, so their problems are still reported. */
  unlisted: VFile[];
  /** Whole documents for lessons read in this build, outlines (see {@link outlineOf}) for lessons from the cache. */
  documents: LessonDocument[];
  /** Slugs of the lessons whose document is an outline. */
  outlines: Set<string>;
}

/** The lesson document stage, started before the site order is known. */
export interface LessonStage {
  /** The lessons in `ordered` (a subset of the folders the stage started with), in that order. */
  collect(ordered: LessonFolder[]): Promise<ReadLessons>;
  /** Stop the worker threads or release the highlighter, once every lesson has been read; safe to call twice. */
  close(): Promise<void>;
  /** Lesson file → cache key of its outcome, for every lesson (undefined without a cache, or when it was not stored). */
  keys(): Promise<Map<string, string | undefined>>;
  /** The whole document of a lesson whose outline {@link collect} gave (read from the cache), or undefined when it is gone. */
  whole(folder: LessonFolder): LessonDocument | undefined;
}

function threadCount(option: number | "auto", lessons: number): number {
  if (!workersAvailable()) return 0;
  if (option !== "auto") return Math.max(0, Math.floor(option));
  return lessons >= parallelThreshold ? availableParallelism() : 0;
}

/** The lesson's file as the rest of the build sees it: its path relative to the root and its messages (code frames are read from disk). */
function lessonFile(root: string, input: LessonInput, outcome: LessonOutcome): VFile {
  const file = new VFile({ path: path.relative(root, input.folder.file), cwd: root });
  restoreMessages(file, outcome.messages);
  return file;
}

/** A fresh outcome is stored only if no input changed while the build ran (else the key might not match the content). */
function unchangedSince(files: string[], started: number): boolean {
  return files.every((file) => {
    try {
      return statSync(file).mtimeMs < started;
    } catch {
      return true;
    }
  });
}

/** The key under which the cache names a lesson's latest outcome, by the lesson's path (whatever its text). */
export function latestKey(cache: BuildCache, folder: LessonFolder): string {
  return hashParts([cache.fingerprint, "latest", folder.file]);
}

/** The code blocks the latest stored outcome of a lesson highlighted, to read an edited lesson without highlighting them again. */
function earlierHighlights(cache: BuildCache | undefined, folder: LessonFolder): HighlightedBlock[] | undefined {
  const latest = cache?.read<string>("latest", latestKey(cache, folder));
  return latest === undefined ? undefined : cache?.read<LessonOutcome>("document", latest)?.highlighted;
}

function store(cache: BuildCache, input: LessonInput, outcome: LessonOutcome, started: number): string | undefined {
  if (input.key === undefined) return undefined;
  const files = dependenciesOf(outcome);
  if (!unchangedSince([input.folder.file, ...files], started)) return undefined;
  const dependencies = hashedDependencies(cache, files);
  const key = hashParts([input.key, ...dependencies.flat()]);
  cache.write("document", key, outcome);
  cache.write("outline", key, { ...outcome, document: outlineOf(outcome.document), highlighted: [] } satisfies LessonOutcome);
  cache.write("lesson", input.key, { dependencies, outcome: key } satisfies LessonEntry);
  cache.write("latest", latestKey(cache, input.folder), key);
  return key;
}

/**
 * Start the document stage for every lesson: from the cache when its
 * inputs are unchanged, else on worker threads when enough lessons need
 * reading to pay for starting them, else on this thread. Reading starts at
 * once, so the caller can read the home page, glossary and bibliography
 * meanwhile; lessons the home page leaves out are read for their problems
 * but never collected.
 */
export function startLessonStage(inputs: LessonInput[], options: LessonStageOptions): LessonStage {
  const started = performance.now();
  const startedAt = Date.now();
  const cache = options.cache;
  const hits = new Map<LessonInput, LessonOutcome>();
  if (cache) {
    for (const input of inputs) {
      const outcome = input.cached === undefined ? undefined : cache.read<LessonOutcome>("outline", input.cached);
      if (outcome) hits.set(input, { ...outcome, timings: [] });
    }
    options.timings?.add("lessons: read from cache", performance.now() - started);
  }
  const misses = inputs.filter((input) => !hits.has(input));
  const threads = threadCount(options.threads, misses.length);
  let done = 0;
  const finished = (input: LessonInput) => {
    done += 1;
    options.progress(`lesson ${done}/${misses.length}: ${input.folder.slug}`);
  };
  const task = (input: LessonInput): LessonTask => ({
    folder: input.folder,
    root: options.root,
    sharedDefinitions: options.sharedDefinitions,
    highlighted: earlierHighlights(cache, input.folder),
    keepHighlighted: cache !== undefined,
  });
  let release: () => Promise<void> = async () => undefined;
  let read: (input: LessonInput) => Promise<LessonOutcome> = () => Promise.reject(new Error("internal: no lesson reader"));
  if (misses.length > 0 && threads > 0) {
    const pool: Promise<LessonPool> = startLessonPool(threads);
    read = async (input) => (await pool).read(task(input));
    release = async () => (await pool).close();
  } else if (misses.length > 0) {
    const reader: Promise<LessonReader> = options.reader?.() ?? createLessonReader();
    let previous: Promise<unknown> = Promise.resolve();
    read = (input) => {
      const outcome = previous.then(async () => (await reader).read(task(input)));
      previous = outcome.catch(() => undefined);
      return outcome;
    };
    if (!options.reader) release = async () => (await reader).dispose();
  }
  const keys = new Map<LessonInput, string | undefined>(inputs.map((input) => [input, input.cached]));
  const outcomes = inputs.map(async (input) => {
    const hit = hits.get(input);
    if (hit) return hit;
    const outcome = await read(input);
    finished(input);
    keys.set(input, cache ? store(cache, input, outcome, startedAt) : undefined);
    // The highlighted blocks are for the cache: stored now, they need not stay in memory.
    return { ...outcome, highlighted: [] };
  });
  // Failures surface in `collect`; until then they must not count as unhandled.
  for (const outcome of outcomes) outcome.catch(() => undefined);
  const byFolder = new Map(inputs.map((input, at) => [input.folder.file, { input, outcome: outcomes[at] }]));
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= Promise.allSettled(outcomes).then(release);
    return closed;
  };
  return {
    close,
    whole(folder) {
      const input = byFolder.get(folder.file)?.input;
      if (!cache || !input?.cached) return undefined;
      return cache.read<LessonOutcome>("document", input.cached)?.document;
    },
    async keys() {
      await Promise.allSettled(outcomes);
      return new Map(inputs.map((input) => [input.folder.file, keys.get(input)]));
    },
    async collect(ordered) {
      try {
        const wanted = ordered.map((folder) => {
          const found = byFolder.get(folder.file);
          if (!found?.outcome) throw new Error(`internal: ${folder.slug} was never read`);
          return found as { input: LessonInput; outcome: Promise<LessonOutcome> };
        });
        const read = await Promise.all(wanted.map(({ outcome }) => outcome));
        const mode = misses.length === 0 ? "none read" : threads > 0 ? `${threads} threads` : "main thread";
        options.timings?.add(`lessons: document stage (wall, ${misses.length} read, ${mode})`, performance.now() - started);
        const files = wanted.map(({ input }, at) => lessonFile(options.root, input, read[at] as LessonOutcome));
        for (const outcome of read) for (const [stage, ms] of outcome.timings) options.timings?.add(`lessons: ${stage}`, ms);
        const outlines = new Set(wanted.filter(({ input }) => hits.has(input)).map(({ input }) => input.folder.slug));
        const listed = new Set(ordered.map((folder) => folder.file));
        const left = inputs.flatMap((input, at) => (listed.has(input.folder.file) ? [] : [{ input, outcome: outcomes[at] }]));
        const unlisted = await Promise.all(
          left.map(async ({ input, outcome }) => lessonFile(options.root, input, (await outcome) as LessonOutcome)),
        );
        return { files, unlisted, documents: read.map((outcome) => outcome.document), outlines };
      } finally {
        await close();
      }
    },
  };
}
