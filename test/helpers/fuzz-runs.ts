/**
 * How many cases a property test tries: `base`, times `LESSONS_FUZZ_RUNS`
 * (default 1). The defaults keep `npm test` quick; a larger factor explores
 * further, as README's "Working on lessons" shows.
 */
export function fuzzRuns(base: number): number {
  return Math.max(1, Math.round(base * Number(process.env.LESSONS_FUZZ_RUNS ?? 1)));
}
