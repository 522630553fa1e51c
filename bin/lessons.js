#!/usr/bin/env node
// Imported dynamically so that even compiled code that fails to load is reported in one line, not a stack trace.
import("../lib/cli/main.js").catch((error) => {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stderr.write(`lessons: internal error: cannot load the command line (${reason}); is lessons compiled (npm run compile)?\n`);
  process.exitCode = 70;
});
