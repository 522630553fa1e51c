import { readFileSync } from "node:fs";
import path from "node:path";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { findFavicon } from "../project/favicon.js";
import type { ProjectLayout } from "../project/layout.js";
import type { PublishedFile } from "../project/published-files.js";
import type { OutputFile } from "../render/output.js";
import type { BuildCache } from "./cache.js";
import { hashParts } from "../project/hash.js";
import { restoreMessages, serializeMessages, type SerializedMessage } from "./messages.js";

/** A whole build as the cache keeps it: every output file (built bytes as blobs, copies by source) and every diagnostic. */
interface SiteEntry {
  files: ({ path: string; blob: string } | { path: string; source: string })[];
  messages: SerializedMessage[];
}

/** A hash of every file in the template folders, so a restyled page or stylesheet is a new site. */
export function templatesKey(cache: BuildCache, folders: string[]): string {
  const parts: string[] = [];
  for (const folder of folders) {
    for (const name of cache.listFolder(folder)) {
      if (name.endsWith("/")) continue;
      parts.push(folder, name, cache.hashFile(path.join(folder, name)));
    }
  }
  return hashParts(parts);
}

/** The text of a project file for a cache key, or a marker when it is absent. */
export function fileText(file: string | undefined): string {
  if (file === undefined) return "(none)";
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "(unreadable)";
  }
}

/**
 * The key of the files a course publishes as they are: which files, from
 * where, and their bytes, which the author's HTML files have their links
 * checked by and the text files show on their view pages.
 */
export function publishedKey(cache: BuildCache, published: readonly PublishedFile[]): string {
  return hashParts(published.flatMap((file) => [file.target, file.source, cache.hashFile(file.source)]));
}

/**
 * The key of a whole build: the generator, the root, the shared documents,
 * the templates, the shared links file, the published files, the course's
 * icon (every page links it) and every lesson's outcome (in folder order),
 * or undefined when a lesson has none.
 */
export function siteKey(
  cache: BuildCache,
  layout: ProjectLayout,
  keys: { shared: string; templates: string; published: string; lessons: (string | undefined)[] },
): string | undefined {
  if (!keys.lessons.every((key) => key !== undefined)) return undefined;
  const lessons = layout.lessons.flatMap((folder, at) => [folder.file, keys.lessons[at] ?? ""]);
  const icon = findFavicon(layout)?.path ?? "(no icon)";
  return hashParts([
    cache.fingerprint,
    "site",
    layout.root,
    keys.shared,
    keys.templates,
    keys.published,
    fileText(layout.links),
    icon,
    ...lessons,
  ]);
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
 * blobs (`knownBlobs` names the blobs of pages already stored, by output
 * path), then forget what no longer belongs to this site: other builds,
 * blobs, lesson outcomes and shared documents this one did not use.
 */
export function storeSite(
  cache: BuildCache,
  key: string,
  build: { files: OutputFile[]; messages: VFileMessage[] },
  used: {
    lessons: Set<string>;
    latest: Set<string>;
    documents: Set<string>;
    shared: Set<string>;
    pages: Set<string>;
    search: Set<string>;
    htmlUrls: Set<string>;
  },
  knownBlobs: ReadonlyMap<string, string> = new Map(),
): void {
  const blobs = new Set<string>();
  // Blobs of pages are also reached through page entries; every page of this build is among the files below.
  const asBlob = (path: string, hash: string) => {
    blobs.add(hash);
    return { path, blob: hash };
  };
  const files = build.files.map((file) => {
    const known = knownBlobs.get(file.path);
    if ("contents" in file) return asBlob(file.path, known ?? cache.writeBlob(file.contents));
    return known === undefined ? { path: file.path, source: file.source } : asBlob(file.path, known);
  });
  cache.write("site", key, { files, messages: serializeMessages(build.messages) } satisfies SiteEntry);
  cache.prune("site", new Set([key]));
  cache.prune("blob", blobs);
  cache.prune("lesson", used.lessons);
  cache.prune("latest", used.latest);
  cache.prune("document", used.documents);
  cache.prune("outline", used.documents);
  cache.prune("page", used.pages);
  cache.prune("search", used.search);
  cache.prune("html-urls", used.htmlUrls);
  cache.prune("shared", used.shared);
}
