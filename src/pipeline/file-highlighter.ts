import { availableParallelism } from "node:os";
import type { Element } from "hast";
import type { CodeBlock, Highlighter } from "../html/highlighter.js";
import { startLessonPool, workersAvailable, type LessonPool } from "./lesson-pool.js";

/**
 * From this many files to highlight for their view pages, worker threads
 * pay: a thread takes 1–1.5 s of CPU to load shiki and a grammar, while a
 * file of 80 lines of Python takes 10–50 ms to highlight (a generated course
 * of 1,000 such files rendered its view pages in 28–47 s on one thread of a
 * busy machine).
 */
const parallelFiles = 100;

/** Highlights the code of files' view pages for one build. */
export interface FileHighlighter {
  highlight(block: CodeBlock): Promise<Element>;
  /** Stop the worker threads, if any were started (after every `highlight` has settled). */
  close(): Promise<void>;
}

/**
 * The highlighter for the files' view pages, which chooses at the first file,
 * when `count` tells how many there are: worker threads (as many as `threads`
 * says; "auto" one per CPU from {@link parallelFiles} files), else `local`,
 * this thread's highlighter. Either gives the same `<pre>` for the same code.
 */
export function fileHighlighter(count: () => number, threads: number | "auto", local: () => Promise<Highlighter>): FileHighlighter {
  let pool: Promise<LessonPool> | undefined;
  let chosen = false;
  const choosePool = () => {
    if (!chosen) {
      chosen = true;
      const wanted = threads === "auto" ? (count() >= parallelFiles ? availableParallelism() : 0) : Math.max(0, Math.floor(threads));
      if (wanted > 0 && workersAvailable()) pool = startLessonPool(wanted);
    }
    return pool;
  };
  return {
    async highlight(block) {
      const workers = choosePool();
      if (workers) return (await workers).highlight(block);
      const highlighter = await local();
      await highlighter.load([block]);
      return highlighter.highlight(block.code, block.language);
    },
    close: async () => (await pool)?.close(),
  };
}
