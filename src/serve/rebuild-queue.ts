/** Runs one rebuild for the paths that changed since the last one; `since` is when the first of them changed. */
export type Rebuild = (changes: ReadonlySet<string>, since: number) => Promise<void>;

/**
 * Turns a stream of file changes into rebuilds: a burst of saves within
 * `delayMs` of each other gives one rebuild, and a rebuild never starts
 * while another runs; changes that arrive meanwhile are collected for a
 * single follow-up once it ends.
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
    this.#running = Promise.resolve()
      .then(() => this.#rebuild(changes, since))
      .catch(this.#onError)
      .finally(() => {
        this.#running = undefined;
        if (!this.#timer && !this.#closed) this.#start();
      });
  }
}
