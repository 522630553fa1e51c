import { createLessonReader, type LessonOutcome, type LessonReader, type LessonTask } from "./lesson-reader.js";

/**
 * This worker thread's reader, created on its first lesson. A pool (and so
 * this thread) lives for one build only, so nothing here outlives the build.
 */
let reader: Promise<LessonReader> | undefined;

/** The piscina task: read one lesson in this worker thread. */
export default async function readLessonInWorker(task: LessonTask): Promise<LessonOutcome> {
  reader ??= createLessonReader();
  return (await reader).read(task);
}
