import path from "node:path";

const text = (type: string) => `${type}; charset=utf-8`;

const byExtension: ReadonlyMap<string, string> = new Map([
  [".html", text("text/html")],
  [".css", text("text/css")],
  [".js", text("text/javascript")],
  [".mjs", text("text/javascript")],
  [".json", text("application/json")],
  [".map", text("application/json")],
  [".xml", text("application/xml")],
  [".svg", "image/svg+xml"],
  [".png", "image/png"],
  [".jpg", "image/jpeg"],
  [".jpeg", "image/jpeg"],
  [".gif", "image/gif"],
  [".webp", "image/webp"],
  [".avif", "image/avif"],
  [".ico", "image/x-icon"],
  [".pdf", "application/pdf"],
  [".zip", "application/zip"],
  [".gz", "application/gzip"],
  [".tar", "application/x-tar"],
  [".wasm", "application/wasm"],
  [".woff", "font/woff"],
  [".woff2", "font/woff2"],
  [".ttf", "font/ttf"],
  [".otf", "font/otf"],
  [".mp4", "video/mp4"],
  [".webm", "video/webm"],
  [".mp3", "audio/mpeg"],
]);

/**
 * The `Content-Type` for an output path. Anything not listed is a lesson's
 * data file (`.py`, `.sh`, `.out`, `Dockerfile`, …) and is shown as UTF-8
 * text, which is what a reader following a "download" link expects to see.
 */
export function contentType(file: string): string {
  return byExtension.get(path.posix.extname(file).toLowerCase()) ?? text("text/plain");
}
