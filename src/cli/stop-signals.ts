import os from "node:os";

/** SIGINT and SIGTERM, listened for while a command runs. */
export interface StopSignals {
  /** Aborted by the first of them. */
  signal: AbortSignal;
  /** The exit code a shell expects of a process the signal stopped (128 + its number: 130, 143), once there was one. */
  exitCode(): number | undefined;
  /** The signal's name, once there was one. */
  received(): NodeJS.Signals | undefined;
  /** Stop listening, so that the signals end the process again. */
  release(): void;
}

/** Listen for SIGINT and SIGTERM, calling `onStop` on the first. */
export function listenForStop(onStop: (name: NodeJS.Signals) => void): StopSignals {
  const controller = new AbortController();
  let name: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (name) return;
    name = signal;
    controller.abort(new Error(`stopped by ${signal}`));
    onStop(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return {
    signal: controller.signal,
    exitCode: () => (name ? 128 + os.constants.signals[name] : undefined),
    received: () => name,
    release() {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}
