import type { Invocation } from "./invocation.js";
import { isInteractive } from "./options.js";

/** Reports the current stage of a long build on an interactive terminal; silent in CI and pipes. */
export interface Progress {
  stage: (name: string) => void;
  done: () => void;
}

/** Show the stage a build is in once it has run for more than a second. */
export function startProgress(invocation: Invocation): Progress {
  if (!isInteractive(invocation)) return { stage: () => undefined, done: () => undefined };
  let current = "starting";
  let shown = false;
  const started = performance.now();
  const show = () => {
    shown = true;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    invocation.stderr.write(`\r\x1b[2K${current}… ${seconds} s`);
  };
  const timer = setInterval(() => {
    if (performance.now() - started > 1000) show();
  }, 250);
  timer.unref();
  return {
    stage(name) {
      current = name;
      if (shown) show();
    },
    done() {
      clearInterval(timer);
      if (shown) invocation.stderr.write("\r\x1b[2K");
    },
  };
}
