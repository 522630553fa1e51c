import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import parseAndHighlight, { type FloorTask } from "./floor-worker.js";

/**
 * The stack's floor on a generated course (`node floor.js <course root>`):
 * every lesson parsed with remark-parse and its code highlighted with the
 * project's highlighter, on as many worker threads as a build of that
 * course uses (one per CPU from 12 lessons, see `lesson-stage.ts`), and
 * nothing else: no transforms, no HTML, no site, no pages, no search, no
 * cache, no writing.
 */
async function main(root: string): Promise<void> {
  const content = path.join(root, "content");
  const tasks: FloorTask[] = readdirSync(content, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ file: path.join(content, entry.name, "index.md"), dataDir: path.join(root, "data-files", entry.name) }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const threads = tasks.length >= 12 ? availableParallelism() : 0;
  if (threads === 0) {
    for (const task of tasks) await parseAndHighlight(task);
    return;
  }
  const pool = new Piscina<FloorTask, number>({
    filename: new URL("./floor-worker.js", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  await Promise.all(tasks.map((task) => pool.run(task)));
  await pool.destroy();
}

await main(path.resolve(process.argv[2] ?? "."));
