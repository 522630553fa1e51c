/** Where the command line writes: a terminal, a pipe, or anything else that takes text. */
export interface OutputStream {
  write(text: string): unknown;
  /** True for a terminal, where progress is shown. */
  isTTY?: boolean | undefined;
}

/**
 * What one run of the command line sees of its process: the folder relative
 * paths are resolved against, the environment and the output streams. The
 * `lessons` binary hands in its own process's (`main.ts`); a program that
 * runs the command line in its own process hands in others, so that no run
 * changes the folder, output or exit code of the process it runs in.
 */
export interface Invocation {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** An {@link Invocation} while it runs: commands set `exitCode` when they fail. */
export interface Run extends Invocation {
  exitCode: number;
}
