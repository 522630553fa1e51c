import { randomUUID } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { VFileMessage } from "vfile-message";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";
import { isError } from "../diagnostics/report.js";
import { sortMessages } from "../diagnostics/sort.js";
import type { BuildResult } from "../pipeline/build-site.js";
import { detectLayout } from "../project/layout.js";
import { createSiteBuilder, type SiteBuilder } from "./builder.js";
import { clientScript, devPaths, withDevClient, type BuildState, type DevError } from "./client.js";
import { contentType } from "./content-types.js";
import { notFoundAtRoot, notFoundPage } from "./not-found.js";
import { pagePaths } from "../project/urls.js";
import { RebuildQueue } from "./rebuild-queue.js";
import { ReloadChannel } from "./reload-channel.js";
import { indexPath, requestPath } from "./request-path.js";
import { searchFolder } from "../render/search-index.js";
import { isAllowedHost } from "./allowed-host.js";
import { changedPaths, isPage, snapshotOf, withFolderOf, type ServedFile, type SiteSnapshot } from "./snapshot.js";
import { watchProject } from "./watch.js";

/** Where the dev server's lines go: status to `info`, diagnostics (with code frames) to `problems`. */
export interface DevLogger {
  info(line: string): void;
  problems(text: string): void;
}

/** How to start the dev server. */
export interface DevServerOptions {
  /** The project folder. */
  root: string;
  /** Port to listen on (default 4000); 0 picks a free one, see `DevServer.port`. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1, this machine only). */
  host?: string;
  /** How to build (default: `buildCached` on `root`); see `SiteBuilder`. */
  build?: SiteBuilder;
  /** How long changes must pause before a rebuild starts, in ms (default 10: an editor's save is a burst of events within a few ms). */
  debounceMs?: number;
  /** Default: status lines to stdout, diagnostics to stderr. */
  logger?: DevLogger;
  /** How diagnostics are printed (default text, with code frames); JSON is one line per build. */
  format?: DiagnosticFormat;
}

/** A running dev server. */
export interface DevServer {
  /** `http://127.0.0.1:4000/` */
  url: string;
  /** The port actually listened on. */
  port: number;
  /** Stop watching, end every reload stream and release the port. */
  close(): Promise<void>;
}

const terminalLogger: DevLogger = {
  info: (line) => process.stdout.write(`${line}\n`),
  problems: (text) => process.stderr.write(`${text}\n`),
};

function toDevError(message: VFileMessage): DevError {
  const location = [message.file || "(project)", message.line, message.column].filter((part) => part !== undefined && part !== null);
  return { location: location.join(":"), message: message.reason, rule: message.ruleId ?? "unknown" };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function sendBytes(request: IncomingMessage, response: ServerResponse, status: number, type: string, body: Buffer): void {
  response.writeHead(status, {
    "Content-Type": type,
    "Content-Length": body.length,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/**
 * Build the project, serve it and rebuild on every save until `close()`.
 *
 * Pages are served from memory, from the `OutputFile` list `buildCached`
 * returns, rather than written to disk and served by a static-file library:
 * the pages already exist as bytes, a rebuild swaps the whole map in one
 * assignment (no reader ever sees a half-written site), nothing waits for
 * disk writes, and only paths that are keys of the map can be served, so no
 * URL can name a file outside the site. Copies (`{ path, source }`) are
 * streamed from their source, except HTML files, which are read to add the
 * dev client. Every response is `no-store`, so a reload
 * always shows the current build.
 *
 * A build with errors prints them, shows them in an overlay on every open
 * page and keeps the last good pages; if the first build already fails,
 * its pages are served so the overlay has a page to sit on.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const root = path.resolve(options.root);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`there is no project folder at ${root}`);
  const layout = detectLayout(root);
  const logger = options.logger ?? terminalLogger;
  const diagnosticFormat = { format: options.format ?? "text", root, stream: true } as const;
  const host = options.host ?? "127.0.0.1";
  const build = options.build ?? createSiteBuilder(root);
  const buildName = randomUUID().slice(0, 8);
  const channel = new ReloadChannel();
  const changedSinceSwap = new Set<string>();
  let builds = 0;
  let served: SiteSnapshot | undefined;
  let errors: DevError[] = [];

  const state = (changed: string[] | null): BuildState => ({ generation: served?.generation ?? "", changed, errors });

  const keepLastGood = (reason: string, since: number) => {
    const outcome = served ? "still serving the last good pages" : "nothing to serve until a build works";
    logger.info(`rebuild failed in ${Math.round(performance.now() - since)} ms (${reason}): ${outcome}`);
    channel.broadcast(state([]));
  };

  const rebuild = async (changes: ReadonlySet<string>, since: number) => {
    for (const file of changes) changedSinceSwap.add(file);
    let result: BuildResult;
    try {
      result = await build(changes);
      // The first pages wait for their search index; later builds serve the previous one until theirs is ready.
      if (!served && result.search) {
        const indexed = await result.search;
        result = {
          ...result,
          files: [...result.files, ...indexed.files],
          messages: sortMessages([...result.messages, ...indexed.messages]),
        };
        result.search = undefined;
      }
    } catch (error) {
      const crash = error instanceof Error ? error : new Error(String(error));
      errors = [{ location: "(build)", message: `the build crashed: ${crash.message}`, rule: "internal" }];
      logger.problems(crash.stack ?? crash.message);
      keepLastGood("the build crashed", since);
      return;
    }
    const problems = formatDiagnostics(result.messages, diagnosticFormat);
    if (problems !== undefined) logger.problems(problems);
    const fatal = result.messages.filter(isError);
    errors = fatal.map(toDevError);
    if (fatal.length > 0 && served) {
      keepLastGood(plural(fatal.length, "error"), since);
      return;
    }
    const first = !served;
    builds += 1;
    const built = snapshotOf(result.files, `${buildName}-${builds}`, served);
    const next = served && result.search ? withFolderOf(built, served.files, searchFolder) : built;
    const changed = changedPaths(served, next, changedSinceSwap);
    served = next;
    if (result.search) followSearch(result.search, next);
    changedSinceSwap.clear();
    const elapsed = Math.round(performance.now() - since);
    const pages = changed.filter(isPage).length;
    if (!first) logger.info(`rebuilt in ${elapsed} ms (${plural(pages, "page")} changed)`);
    else if (fatal.length > 0) logger.info(`built ${plural(pages, "page")} in ${elapsed} ms with ${plural(fatal.length, "error")}`);
    else logger.info(`built ${plural(pages, "page")} in ${elapsed} ms`);
    channel.broadcast(state(changed));
  };

  /** Search indexes still being built (and stored in the cache): `close` waits for them, so nothing writes after it. */
  const indexing = new Set<Promise<unknown>>();
  /** Serve a build's search index once it is ready, unless a newer build is served by then. */
  const followSearch = (search: NonNullable<BuildResult["search"]>, snapshot: SiteSnapshot) => {
    const followed = search.then(
      ({ files, messages }) => {
        if (messages.length > 0) logger.problems(formatDiagnostics(messages, diagnosticFormat) ?? "");
        if (served === snapshot) served = withFolderOf(snapshot, snapshotOf(files, snapshot.generation).files, searchFolder);
      },
      (error: unknown) => logger.problems(`the search index failed: ${String(error)}`),
    );
    indexing.add(followed);
    void followed.finally(() => indexing.delete(followed));
  };

  const queue = new RebuildQueue(rebuild, options.debounceMs ?? 10, (error) => logger.problems(String(error)));
  const onWatchError = (error: unknown) => logger.problems(`watching ${root} failed: ${String(error)}`);
  const watcher = await watchProject(layout, (file) => queue.add(file), onWatchError);
  let server: Server;
  let port: number;
  try {
    await queue.flush();
    server = createServer((request, response) => handle(request, response));
    port = await listen(server, options.port ?? 4000, host);
  } catch (error) {
    await queue.close();
    await watcher.close();
    throw error;
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (!isAllowedHost(request.headers.host, host)) {
      sendBytes(
        request,
        response,
        403,
        contentType("403.txt"),
        Buffer.from("This dev server answers only to localhost, IP addresses and --host.\n"),
      );
      return;
    }
    const url = request.url ?? "/";
    const [pathname = "", query = ""] = url.split(/(?=[?#])/, 2);
    if (pathname === devPaths.events) return channel.attach(response, state(null));
    if (pathname === devPaths.client) return sendBytes(request, response, 200, contentType("client.js"), Buffer.from(clientScript));
    const snapshot = served;
    const relative = requestPath(url);
    const key = relative === undefined ? undefined : indexPath(relative);
    const file = key === undefined ? undefined : snapshot?.files.get(key);
    if (snapshot && key !== undefined && file) return serve(request, response, snapshot, key, file);
    if (relative && !relative.endsWith("/") && snapshot?.files.has(`${relative}/index.html`)) {
      response.writeHead(302, { Location: `${pathname}/${query}`, "Cache-Control": "no-store" }).end();
      return;
    }
    notFound(request, response, url, snapshot);
  }

  function serve(request: IncomingMessage, response: ServerResponse, snapshot: SiteSnapshot, key: string, file: ServedFile): void {
    if ("contents" in file) {
      const body = isPage(key) ? withDevClient(file.contents, snapshot.generation, key) : file.contents;
      return sendBytes(request, response, 200, contentType(key), body);
    }
    // A copied HTML file (an older course's example page) gets the dev client too, so that saving it, or a script or
    // stylesheet it loads, reloads it as saving a lesson reloads the lesson's page.
    if (isPage(key)) {
      readFile(file.source).then(
        (html) => sendBytes(request, response, 200, contentType(key), withDevClient(html, snapshot.generation, key)),
        () => notFound(request, response, request.url ?? "/", snapshot),
      );
      return;
    }
    const stream = createReadStream(file.source);
    stream.once("open", () => {
      response.writeHead(200, { "Content-Type": contentType(key), "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      if (request.method === "HEAD") {
        stream.destroy();
        response.end();
      } else stream.pipe(response);
    });
    stream.once("error", () => (response.headersSent ? response.destroy() : notFound(request, response, request.url ?? "/", snapshot)));
    response.once("close", () => stream.destroy());
  }

  /** The site's own 404 page, with the status a missing address gets. */
  function notFound(request: IncomingMessage, response: ServerResponse, url: string, snapshot: SiteSnapshot | undefined): void {
    const page = snapshot?.files.get(pagePaths.notFound);
    const built = page && ("contents" in page ? page.contents.toString("utf8") : readFileOrUndefined(page.source));
    const html = Buffer.from(built === undefined ? notFoundPage(url, snapshot?.files.keys() ?? []) : notFoundAtRoot(built));
    sendBytes(request, response, 404, contentType("404.html"), withDevClient(html, snapshot?.generation ?? "", undefined));
  }

  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : (options.host ?? "127.0.0.1");
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}/`,
    port,
    close() {
      closing ??= (async () => {
        await watcher.close();
        await queue.close();
        await Promise.all(indexing);
        channel.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
