import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
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
 * How each worker's heap is sized. Reading a lesson makes a lot of garbage,
 * some of it living long enough to leave the young generation, and V8's
 * default lets the old generation grow to about four times what a thread
 * keeps alive (some 25 MiB after a collection) before collecting it. A young
 * generation of 24 MiB promotes less garbage, and a fixed growth of 80 %
 * (`--heap-growing-percent`, set while the workers run, as V8 flags are the
 * whole process's) collects sooner: on the 200-lesson benchmark course, a
 * cold build's peak went from about 475 MiB to about 385 MiB, and its time
 * stayed within the noise of this machine (bench/RESULTS.md).
 */
const youngGenerationMb = 24;
const heapGrowingPercent = 80;

/** Runs the document stage of lessons on worker threads, for one build. */
export interface LessonPool {
  /** Read one lesson on the next free thread. */
  read(task: LessonTask): Promise<LessonOutcome>;
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
  v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  const pool = new Piscina<LessonTask, LessonOutcome>({
    filename: workerFile.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
  });
  return {
    read: (task) => pool.run(task),
    close: async () => {
      await pool.destroy();
      v8.setFlagsFromString("--heap-growing-percent=0");
    },
  };
}
