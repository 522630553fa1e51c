import { Command, InvalidArgumentError } from "commander";
import type { Run } from "./invocation.js";
import { projectPaths, requireProjectFolder, withFormatOption, withRootOption, type FormatOptions } from "./options.js";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return port;
}

/** Resolves on the first SIGINT or SIGTERM; `release` stops listening for them, so that they end the process again. */
function untilStopped(): { stopped: Promise<string>; release: () => void } {
  let resolveStopped: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (resolveStopped = resolve));
  const stop = (signal: string) => {
    release();
    resolveStopped(signal);
  };
  const release = () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return { stopped, release };
}

/** `lessons dev`: build, serve on this machine, rebuild on every save and reload the browser. */
export function devCommand(run: Run): Command {
  return withFormatOption(withRootOption(new Command("dev")))
    .description("build, serve the site on 127.0.0.1, rebuild on every save and reload the browser")
    .option("--port <n>", "port to listen on (0 picks a free port)", parsePort, 4000)
    .option("--host <host>", "interface to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--open", "open the site in the default browser")
    .option("--no-cache", "neither read nor write the build cache (<root>/.lessons-cache, see README)")
    .action(async (options: FormatOptions & { root: string; port: number; host: string; open?: boolean; cache: boolean }) => {
      const { root } = projectPaths(options, run.cwd);
      requireProjectFolder(root);
      // Ctrl-C while the first build runs stops the server once it is up; if it cannot start, the handlers go, so that
      // nothing is left waiting for a signal.
      const { stopped, release } = untilStopped();
      // Imported here, so that the other commands (and `--help`) do not load the server and the file watcher.
      const [{ createSiteBuilder }, { startDevServer }, { openBrowser }] = await Promise.all([
        import("../serve/builder.js"),
        import("../serve/dev-server.js"),
        import("../serve/open-browser.js"),
      ]);
      const build = createSiteBuilder(root, options.cache);
      const logger = { info: (line: string) => run.stdout.write(`${line}\n`), problems: (text: string) => run.stderr.write(`${text}\n`) };
      const serverOptions = { root, port: options.port, host: options.host, build, format: options.format, logger };
      const server = await startDevServer(serverOptions).catch((error: unknown) => {
        const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
        const reason = inUse ? `port ${options.port} is in use; try --port 0` : error instanceof Error ? error.message : String(error);
        run.stderr.write(`lessons dev: ${reason}\n`);
        run.exitCode = 1;
      });
      if (!server) {
        release();
        return;
      }
      run.stdout.write(`serving ${server.url} (Ctrl-C to stop)\n`);
      if (options.open) openBrowser(server.url, (error) => run.stderr.write(`lessons dev: cannot open a browser: ${error.message}\n`));
      await stopped;
      await server.close();
      run.stdout.write("stopped\n");
    });
}
