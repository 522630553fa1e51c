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
  });
  return {
    read: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}
