/**
 * The output path a request URL asks for (`/virt/` → `virt/`, `/` → ``), or
 * `undefined` when the URL could reach outside the output: anything that
 * is not origin-form (`http://…`, `*`), that does not decode, or whose
 * decoded path holds a NUL byte, a backslash, a `.` or `..` segment, an
 * empty segment (`//etc/passwd`) or a drive letter. Decoding happens once,
 * before the checks, so `%2e%2e` is caught like `..`.
 *
 * The dev server serves only paths that are keys of the built site's map,
 * so a path that slips through still cannot name a file outside it; this
 * check makes that intent explicit and cheap to test.
 */
export function requestPath(url: string): string | undefined {
  if (!url.startsWith("/")) return undefined;
  const rawPath = url.split(/[?#]/, 1)[0] ?? "";
  if (rawPath.includes("\\")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\0\\]/.test(decoded)) return undefined;
  const segments = decoded.slice(1).split("/");
  const last = segments.length - 1;
  const unsafe = segments.some(
    (segment, at) => segment === "." || segment === ".." || (segment === "" && at !== last) || (at === 0 && /^[a-z]:$/i.test(segment)),
  );
  return unsafe ? undefined : decoded.slice(1);
}

/** The output path that serves a directory URL's `index.html`, or the path itself. */
export function indexPath(relative: string): string {
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}

/** The URL a page is read at: `virt/index.html` → `/virt/`, the inverse of `indexPath`. */
export function pageUrl(page: string): string {
  return `/${page.replace(/(^|\/)index\.html$/, "$1")}`;
}
