import v8 from "node:v8";

/**
 * How far V8 lets a heap's old generation grow past what the last full
 * collection kept alive, in percent. V8's own rule grows it by up to four
 * times while collections are quick, which a build pays for in memory
 * twice: on the worker threads, which read lesson after lesson (some
 * 25 MiB live, and a great deal of garbage that outlives the young
 * generation), and on the main thread while it renders, when it holds every
 * lesson document and the pages on their way to the cache and the search
 * index. A fixed 80 % collects sooner. On the 200-lesson benchmark course,
 * held on the workers (with their larger young generation), it took a cold
 * build's peak from about 475 MiB to about 385 MiB; held through the render
 * too, it took a 1,000-lesson build's peak from about 1,340 MiB to about
 * 770 MiB. Neither cost measurable time (bench/RESULTS.md). `buildSite`
 * holds it for the whole build.
 */
const heapGrowingPercent = 80;

let holders = 0;

/**
 * Hold V8's heap growth at {@link heapGrowingPercent} until the returned
 * function is called. The setting is the whole process's (every thread's
 * heap, including worker threads started meanwhile), so holds are counted:
 * V8's own rule comes back when the last one is released. Releasing twice
 * is harmless.
 */
export function limitHeapGrowth(): () => void {
  holders += 1;
  if (holders === 1) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0) v8.setFlagsFromString("--heap-growing-percent=0");
  };
}
