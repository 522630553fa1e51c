/**
 * Where a build's time goes, by stage, for `lessons build --timings` and the
 * benchmark. Stages that run per lesson (parse, transforms, highlight) are
 * summed over lessons, so with worker threads they add up to more than the
 * wall-clock time of the document stage.
 */
export interface StageTimings {
  /** Add `ms` milliseconds to `stage`. */
  add(stage: string, ms: number): void;
  /** Run `work`, adding its duration to `stage`. */
  time<T>(stage: string, work: () => T): T;
  /** Await `work`, adding its duration to `stage`. */
  timeAsync<T>(stage: string, work: () => Promise<T>): Promise<T>;
  /** Every stage with its total, in the order stages were first seen. */
  entries(): [string, number][];
}

/** A fresh, empty set of stage timings (one per build). */
export function createTimings(): StageTimings {
  const totals = new Map<string, number>();
  const add = (stage: string, ms: number) => totals.set(stage, (totals.get(stage) ?? 0) + ms);
  return {
    add,
    time(stage, work) {
      const started = performance.now();
      try {
        return work();
      } finally {
        add(stage, performance.now() - started);
      }
    },
    async timeAsync(stage, work) {
      const started = performance.now();
      try {
        return await work();
      } finally {
        add(stage, performance.now() - started);
      }
    },
    entries: () => [...totals.entries()],
  };
}

/** Timings as the indented table `--timings` prints: `  <stage>  <n> ms` under a heading. */
export function formatTimings(heading: string, entries: [string, number][]): string {
  const width = Math.max(0, ...entries.map(([stage]) => stage.length));
  return [`timings (${heading}):`, ...entries.map(([stage, ms]) => `  ${stage.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms`)].join("\n");
}
