import { runCli } from "./program.js";

/** The `lessons` binary: the command line on this process's arguments, folder, environment and streams. */
process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
