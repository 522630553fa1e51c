import path from "node:path";
import type { OutputFile } from "../render/output.js";

/** One file of the served site: bytes built in memory (with what they were made from), or a source file streamed from disk. */
export type ServedFile = { contents: Buffer; madeFrom?: string | Uint8Array } | { source: string };

/**
 * The site as the dev server serves it: output path (`virt/index.html`) →
 * file. A snapshot is never changed after it is made; a rebuild makes a new
 * one and the server swaps it in with one assignment, so every response
 * comes from exactly one build and a reader never sees a half-written page.
 */
export interface SiteSnapshot {
  /** Names this build's pages; sent to browsers so they know which build they show. */
  generation: string;
  files: ReadonlyMap<string, ServedFile>;
}

/**
 * How a built file is served: its bytes (bytes built as such are served as
 * they are, not copied), reused from `before` when that was made from the
 * same text or the same bytes (most pages of a rebuild, which the dev
 * server's cache hands out as the same objects each time).
 */
function servedContents(contents: string | Uint8Array, before: ServedFile | undefined): ServedFile {
  if (before && "madeFrom" in before && before.madeFrom === contents) return before;
  const bytes =
    typeof contents === "string" ? Buffer.from(contents) : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  return { contents: bytes, madeFrom: contents };
}

/** A snapshot of a build's output files; `previous`, the snapshot served until now, lends the bytes of unchanged pages. */
export function snapshotOf(files: OutputFile[], generation: string, previous?: SiteSnapshot): SiteSnapshot {
  const served = new Map<string, ServedFile>();
  for (const file of files) {
    const key = path.sep === "/" ? file.path : file.path.split(path.sep).join("/");
    const before = previous?.files.get(key);
    if ("contents" in file) served.set(key, servedContents(file.contents, before));
    else if (before && "source" in before && before.source === file.source) served.set(key, before);
    else served.set(key, { source: path.resolve(file.source) });
  }
  return { generation, files: served };
}

/**
 * Output paths whose bytes differ between two snapshots, sorted: built files
 * compared byte for byte, copies by source path and by whether the source
 * is among `changedSources` (absolute paths the watcher reported), and every
 * path only one of them has.
 */
export function changedPaths(previous: SiteSnapshot | undefined, next: SiteSnapshot, changedSources: ReadonlySet<string>): string[] {
  if (!previous) return [...next.files.keys()].sort();
  const changed = new Set<string>();
  for (const [key, file] of next.files) {
    const before = previous.files.get(key);
    if (!before || !sameFile(before, file, changedSources)) changed.add(key);
  }
  for (const key of previous.files.keys()) if (!next.files.has(key)) changed.add(key);
  return [...changed].sort();
}

function sameFile(before: ServedFile, after: ServedFile, changedSources: ReadonlySet<string>): boolean {
  if ("contents" in before) return "contents" in after && (before === after || before.contents.equals(after.contents));
  return "source" in after && before.source === after.source && !changedSources.has(after.source);
}

/** True for the output paths that are pages (and count as "pages changed"). */
export function isPage(file: string): boolean {
  return file.endsWith(".html");
}

/**
 * `next` with the files under `folder` taken from `from`: the previous
 * build's search index, say, served with the next build's pages until its
 * own index is ready. The generation stays that of `next`.
 */
export function withFolderOf(next: SiteSnapshot, from: ReadonlyMap<string, ServedFile>, folder: string): SiteSnapshot {
  const prefix = `${folder}/`;
  const files = new Map([...next.files].filter(([key]) => !key.startsWith(prefix)));
  for (const [key, file] of from) if (key.startsWith(prefix)) files.set(key, file);
  return { generation: next.generation, files };
}
