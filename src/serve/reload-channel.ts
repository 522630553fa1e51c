import type { ServerResponse } from "node:http";
import type { BuildState } from "./client.js";

/**
 * The Server-Sent Events stream every open page listens to: one `build`
 * event per build, and the current state as soon as a page connects.
 */
export class ReloadChannel {
  readonly #clients = new Set<ServerResponse>();

  /** Keep `response` open as an event stream and send it `current` straight away. */
  attach(response: ServerResponse, current: BuildState): void {
    response.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
    });
    response.write("retry: 500\n\n");
    this.#clients.add(response);
    response.once("close", () => this.#clients.delete(response));
    send(response, current);
  }

  /** Tell every connected page about a build. */
  broadcast(state: BuildState): void {
    for (const client of this.#clients) send(client, state);
  }

  /** End every stream, so the server can close. */
  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}

function send(response: ServerResponse, state: BuildState): void {
  response.write(`event: build\ndata: ${JSON.stringify(state)}\n\n`);
}
