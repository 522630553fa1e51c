import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** A static file server for a built site, mounted under a sub-path. */
export interface StaticServer {
  /** Where the site's root is, e.g. `http://127.0.0.1:41234/course/`. */
  url: string;
  /** `http://127.0.0.1:41234`: every request the site makes must start with this. */
  origin: string;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".wasm": "application/wasm",
};

/**
 * Serve `folder` at `http://127.0.0.1:<free port><mount>`, so that a test
 * proves the site works from a sub-path: anything outside `mount` is a 404,
 * as is any path that would leave `folder`. A URL ending in `/` serves its
 * `index.html`.
 */
export async function serveFolder(folder: string, mount: string): Promise<StaticServer> {
  const root = path.resolve(folder);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const inside = pathname.startsWith(mount) ? pathname.slice(mount.length) : undefined;
    const relative = inside === "" || inside?.endsWith("/") ? `${inside}index.html` : inside;
    const file = relative === undefined ? undefined : path.resolve(root, relative);
    if (!file || !file.startsWith(root + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${mount}`,
    origin,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
