import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
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
 * The young generation of each worker's heap. Reading a lesson makes a lot
 * of short-lived garbage, and V8's default lets each thread hold far more of
 * it than it keeps alive (about 25 MiB after a collection): on the 200-lesson
 * benchmark course, 12 MiB lowered a cold build's peak from 548–553 MiB to
 * 478–485 MiB with the same time and CPU, within noise (bench/RESULTS.md).
 */
const youngGenerationMb = 12;

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
  const pool = new Piscina<LessonTask, LessonOutcome>({
    filename: workerFile.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
  });
  return {
    read: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}
