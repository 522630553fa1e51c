import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Element } from "hast";
import type { CodeBlock } from "../html/highlighter.js";
import type { LessonOutcome, LessonTask } from "./lesson-reader.js";

const workerFile = new URL("./lesson-worker.js", import.meta.url);

/**
 * True when the compiled worker script is beside this module. It is not
 * when this module runs from TypeScript sources (in the tests), where a
 * worker thread could not load it: lessons are then read on this thread.
 */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerFile));
}

/**
 * Each worker's young generation. Reading a lesson makes a lot of garbage,
 * some of it living long enough to leave the young generation; 24 MiB
 * (V8's default for a worker is 12) promotes less of it. With the old
 * generation's growth limited during the build (`heap-growth.ts`), a cold
 * build of the 200-lesson benchmark course peaked at about 385 MiB instead
 * of 475 (bench/RESULTS.md).
 */
const youngGenerationMb = 24;

/** Runs the document stage of lessons (or the highlighting of files) on worker threads, for one build. */
export interface LessonPool {
  /** Read one lesson on the next free thread. */
  read(task: LessonTask): Promise<LessonOutcome>;
  /** Highlight one block (a file's view page's code) on the next free thread. */
  highlight(block: CodeBlock): Promise<Element>;
  /** Stop the threads (after every `read` has settled). */
  close(): Promise<void>;
}

/**
 * Start `threads` worker threads for the document stage. Each thread loads
 * unified and shiki once and keeps its highlighter for every lesson it reads;
 * results come back by structured clone (documents are serialised HTML
 * with a few small trees, see `html/html-parts.ts`).
 */
export async function startLessonPool(threads: number): Promise<LessonPool> {
  const { Piscina } = await import("piscina");
  const pool = new Piscina<LessonTask | CodeBlock, LessonOutcome | Element>({
    filename: workerFile.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
  });
  return {
    read: (task) => pool.run(task) as Promise<LessonOutcome>,
    highlight: (block) => pool.run(block, { name: "highlightInWorker" }) as Promise<Element>,
    close: () => pool.destroy(),
  };
}
