import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { OutputFile } from "../render/output.js";
import { restoreMessages, serializeMessages, type SerializedMessage } from "../diagnostics/serialized-messages.js";
import type { BuildCache } from "./store.js";

/** A whole build as the cache keeps it: every output file (built bytes as blobs, copies by source) and every diagnostic. */
interface SiteEntry {
  files: ({ path: string; blob: string } | { path: string; source: string })[];
  messages: SerializedMessage[];
}

/**
 * A finished build from the cache, when the site's key (every input's hash)
 * matches one stored: built files come back as copies of their cached blobs,
 * diagnostics as messages on files with the same paths. Undefined when any
 * blob is missing.
 */
export function replaySite(cache: BuildCache, key: string, root: string): { files: OutputFile[]; messages: VFileMessage[] } | undefined {
  const entry = cache.read<SiteEntry>("site", key);
  if (!entry) return undefined;
  const files: OutputFile[] = [];
  for (const file of entry.files) {
    if ("source" in file) {
      files.push(file);
      continue;
    }
    const source = cache.blobFile(file.blob);
    if (!source) return undefined;
    files.push({ path: file.path, source });
  }
  const byPath = new Map<string, SerializedMessage[]>();
  for (const message of entry.messages) {
    const list = byPath.get(message.file ?? "") ?? [];
    list.push(message);
    byPath.set(message.file ?? "", list);
  }
  const messages = [...byPath].flatMap(([file, saved]) => {
    const vfile = new VFile({ path: file || undefined, cwd: root });
    restoreMessages(vfile, saved);
    return vfile.messages;
  });
  return { files, messages };
}

/**
 * Store a finished build under `key`, built files as content-addressed
 * blobs (a file that is a copy of a blob already, a page the cache kept, by
 * its hash), then forget every entry this build did not use: other builds,
 * blobs, lesson outcomes, pages.
 */
export function storeSite(cache: BuildCache, key: string, build: { files: OutputFile[]; messages: VFileMessage[] }): void {
  const files = build.files.map((file) => {
    if ("contents" in file) return { path: file.path, blob: cache.writeBlob(file.contents) };
    const hash = cache.blobHashOf(file.source);
    if (hash === undefined) return { path: file.path, source: file.source };
    cache.use("blob", hash);
    return { path: file.path, blob: hash };
  });
  cache.write("site", key, { files, messages: serializeMessages(build.messages) } satisfies SiteEntry);
  cache.pruneUnused();
}
