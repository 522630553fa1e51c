import { statSync } from "node:fs";

/** Runs one rebuild for the paths that changed since the last one; `since` is when the first of them changed. */
export type Rebuild = (changes: ReadonlySet<string>, since: number) => Promise<void>;

/**
 * How long after reporting a change the file watcher may stay silent about
 * the same file: chokidar drops a second `change` within 50 ms of the first,
 * so the write that an editor (or a busy machine) finishes a few
 * milliseconds after truncating the file can go unreported.
 */
const watcherSilenceMs = 60;

/** What a path's stat says of its contents, to tell whether it changed; "-" when it is gone. */
function stamp(file: string): string {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats ? `${stats.size}:${stats.mtimeMs}:${stats.ino}` : "-";
}

/**
 * Turns a stream of file changes into rebuilds: a burst of saves within
 * `delayMs` of each other gives one rebuild, and a rebuild never starts
 * while another runs; changes that arrive meanwhile are collected for a
 * single follow-up once it ends. Since the watcher may leave out a change
 * that closely follows another (see {@link watcherSilenceMs}), the paths
 * a rebuild was given are looked at again once that window has passed, and
 * any that changed after the rebuild started are rebuilt again.
 */
export class RebuildQueue {
  readonly #rebuild: Rebuild;
  readonly #delayMs: number;
  readonly #onError: (error: unknown) => void;
  #pending = new Set<string>();
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;

  constructor(rebuild: Rebuild, delayMs: number, onError: (error: unknown) => void) {
    this.#rebuild = rebuild;
    this.#delayMs = delayMs;
    this.#onError = onError;
  }

  /** Note that `file` changed; a rebuild follows once changes pause for the delay. */
  add(file: string): void {
    if (this.#closed) return;
    if (this.#pending.size === 0) this.#since = performance.now();
    this.#pending.add(file);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#start();
    }, this.#delayMs);
  }

  /** Rebuild now with whatever is pending (possibly nothing) and wait for it and any follow-up. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running) this.#start(true);
    while (this.#running) await this.#running;
  }

  /** Stop taking changes and wait for the rebuild in progress, if any. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#pending.clear();
    while (this.#running) await this.#running;
  }

  #start(evenIfNothingChanged = false): void {
    if (this.#running || (this.#pending.size === 0 && !evenIfNothingChanged)) return;
    const changes = this.#pending;
    const since = this.#pending.size > 0 ? this.#since : performance.now();
    this.#pending = new Set();
    const stamps = new Map([...changes].map((file) => [file, stamp(file)]));
    this.#running = Promise.resolve()
      .then(() => this.#rebuild(changes, since))
      .catch(this.#onError)
      .finally(() => {
        this.#running = undefined;
        this.#lookAgain(stamps, since);
        if (!this.#timer && !this.#closed) this.#start();
      });
  }

  /** Once the watcher's silence after `since` is over, add every path whose stamp is no longer the one in `stamps`. */
  #lookAgain(stamps: ReadonlyMap<string, string>, since: number): void {
    if (stamps.size === 0) return;
    const check = () => {
      for (const [file, before] of stamps) if (stamp(file) !== before) this.add(file);
    };
    setTimeout(check, Math.max(0, since + watcherSilenceMs - performance.now())).unref();
  }
}
