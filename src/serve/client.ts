/** One error of a failed build, as the browser overlay shows it. */
export interface DevError {
  /** `content/virt/index.md:12:3`, or the project when the message has no file. */
  location: string;
  message: string;
  /** The rule id (`shortcode-unknown`), `internal` when the build itself crashed. */
  rule: string;
}

/** What the server tells every open page after each build (the `build` event of the reload channel). */
export interface BuildState {
  /** Names the build whose pages are being served; changes only when new pages are swapped in. */
  generation: string;
  /** Output paths that changed with this generation, or `null` when unknown (the first message on a connection). */
  changed: string[] | null;
  /** Errors of the latest build, empty once a build succeeds. */
  errors: DevError[];
}

/** Where the reload channel and the client script are served; no site file can live under it. */
export const devPaths = {
  events: "/__lessons/events",
  client: "/__lessons/client.js",
} as const;

/**
 * Runs in the browser, serialized into `/__lessons/client.js` (so it must not
 * use anything outside its own body). It listens to the reload channel,
 * reloads the page when its build is replaced by one that changed this page
 * or any asset, keeps the scroll position across the reload, and shows the
 * errors of a failed build in an overlay built with DOM APIs only (text goes
 * in through `textContent`, never as markup).
 *
 * The `<script>` tag the server injects carries the page's output path
 * (`data-page`, absent on the 404 page, which reloads on any change) and the
 * generation it was served from (`data-generation`), so a build that
 * finished between serving the page and connecting still reloads it.
 *
 * A hidden tab closes its connection and reconnects when shown again:
 * browsers allow about six connections per host, and a maintainer keeps
 * many tabs open all day.
 */
function devClient(eventsUrl: string): void {
  const script = document.currentScript;
  const page = script?.dataset.page;
  let generation = script?.dataset.generation ?? "";
  const scrollKey = `lessons-dev-scroll:${location.pathname}`;

  const storage = (): Storage | undefined => {
    try {
      return sessionStorage;
    } catch {
      return undefined;
    }
  };

  const saved = Number(storage()?.getItem(scrollKey) ?? "0");
  storage()?.removeItem(scrollKey);
  if (saved > 0) {
    window.scrollTo(0, saved);
    window.addEventListener("load", () => window.scrollTo(0, saved), { once: true });
  }

  const reload = (): void => {
    storage()?.setItem(scrollKey, String(window.scrollY));
    location.reload();
  };

  const concernsThisPage = (changed: string[] | null): boolean =>
    changed === null || page === undefined || changed.some((file) => file === page || !file.endsWith(".html"));

  let overlay: HTMLElement | undefined;
  const showErrors = (errors: DevError[]): void => {
    overlay?.remove();
    overlay = undefined;
    if (errors.length === 0) return;
    const host = document.createElement("lessons-dev-overlay");
    const shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = [
      ":host{all:initial}",
      ".panel{position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;",
      "background:#fff5f5;color:#1a1a1a;border:2px solid #b00020;border-radius:6px;padding:1rem 1.25rem;",
      "font:15px/1.45 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.3)}",
      "h2{margin:0 0 .5rem;font-size:1.1rem;color:#b00020}p{margin:0 0 .75rem}ul{margin:0;padding-left:1.25rem}",
      "li{margin:.25rem 0}code{font:13px/1.4 ui-monospace,monospace}.rule{color:#555}",
      "button{position:absolute;top:.5rem;right:.5rem;font:inherit;cursor:pointer}",
    ].join("");
    const panel = document.createElement("section");
    panel.className = "panel";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "lessons-dev-title");
    const title = document.createElement("h2");
    title.id = "lessons-dev-title";
    title.textContent = `Build failed: ${errors.length} error${errors.length === 1 ? "" : "s"}`;
    const note = document.createElement("p");
    note.textContent = "This page is from the last build that worked. Save a fix and this message goes away.";
    const list = document.createElement("ul");
    for (const error of errors) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = error.location;
      const rule = document.createElement("span");
      rule.className = "rule";
      rule.textContent = `[${error.rule}]`;
      item.append(where, " ", error.message, " ", rule);
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", () => host.remove());
    panel.append(title, note, list, close);
    shadow.append(style, panel);
    document.body.append(host);
    overlay = host;
  };

  let source: EventSource | undefined;
  const connect = (): void => {
    if (source) return;
    source = new EventSource(eventsUrl);
    source.addEventListener("build", (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as BuildState;
      if (state.generation !== generation && concernsThisPage(state.changed)) {
        reload();
        return;
      }
      generation = state.generation;
      showErrors(state.errors);
    });
  };
  const disconnect = (): void => {
    source?.close();
    source = undefined;
  };
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  if (!document.hidden) connect();
}

/** The dev client as a script file's text. */
export const clientScript = `"use strict";\n(${devClient.toString()})(${JSON.stringify(devPaths.events)});\n`;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * A built page with the dev client's `<script>` inserted before its last
 * `</body>` (or at the end when there is none). Only the bytes served in dev
 * change; templates and `lessons build` output never see the script.
 */
export function withDevClient(html: Buffer, generation: string, page: string | undefined): Buffer {
  const attributes = [`src="${devPaths.client}"`, `data-generation="${escapeAttribute(generation)}"`];
  if (page !== undefined) attributes.push(`data-page="${escapeAttribute(page)}"`);
  const tag = Buffer.from(`<script ${attributes.join(" ")}></script>\n`);
  const at = html.lastIndexOf("</body>");
  return at === -1 ? Buffer.concat([html, tag]) : Buffer.concat([html.subarray(0, at), tag, html.subarray(at)]);
}
