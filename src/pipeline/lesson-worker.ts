import type { Element } from "hast";
import type { CodeBlock, Highlighter } from "../html/highlighter.js";
import { createLessonReader, type LessonOutcome, type LessonReader, type LessonTask } from "./lesson-reader.js";

/**
 * This worker thread's reader, created on its first lesson. A pool (and so
 * this thread) lives for one build only, so nothing here outlives the build.
 */
let reader: Promise<LessonReader> | undefined;

/** This worker thread's highlighter for files' view pages, created on the first file; it lives as long as the reader. */
let highlighter: Promise<Highlighter> | undefined;

/** The piscina task: read one lesson in this worker thread. */
export default async function readLessonInWorker(task: LessonTask): Promise<LessonOutcome> {
  reader ??= createLessonReader();
  return (await reader).read(task);
}

/** The piscina task `highlightInWorker`: the `<pre>` of one file's code, highlighted in this worker thread. */
export async function highlightInWorker(block: CodeBlock): Promise<Element> {
  highlighter ??= import("../html/highlighter.js").then(({ createCodeHighlighter }) => createCodeHighlighter());
  const ready = await highlighter;
  await ready.load([block]);
  return ready.highlight(block.code, block.language);
}
