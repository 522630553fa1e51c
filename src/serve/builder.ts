import { readFileSync } from "node:fs";
import { buildCached } from "../cache/build-cached.js";
import { defaultCacheDir, openBuildCache, type BuildCache } from "../cache/store.js";
import type { LessonReader } from "../pipeline/lesson-reader.js";
import { detectLayout, type ProjectLayout } from "../project/layout.js";
import type { BuildResult } from "../pipeline/build-site.js";
import type { OutputFile } from "../render/output.js";
import { isProjectInput } from "./watch.js";

/**
 * Builds the site again after `changes` (absolute paths of the files that
 * changed since the previous call; empty for the first build). This is the
 * one place the dev server asks for a build, so a pipeline that can reuse
 * its previous work plugs in here without touching the server.
 */
export type SiteBuilder = (changes: ReadonlySet<string>) => Promise<BuildResult>;

/**
 * The output with every file that is a copy of a cache entry read into
 * memory: a build replayed from the cache returns its pages as copies of
 * cached blobs, and a later build may prune those blobs while the server
 * still serves them (after a failed build, say). In memory, pages also get
 * the dev client and are swapped in with the rest of their build.
 */
function withoutCacheCopies(files: OutputFile[], cache: BuildCache): OutputFile[] {
  return files.map((file) => {
    const hash = "source" in file ? cache.blobHashOf(file.source) : undefined;
    if (!("source" in file) || hash === undefined) return file;
    return { path: file.path, contents: cache.blob(hash) ?? readFileSync(file.source) };
  });
}

/**
 * The dev server's default builder: the same `buildCached` as `lessons build`,
 * with the same persistent cache (see `defaultCacheDir`; none when `cache` is
 * false), so a save re-reads only the lessons whose inputs changed. Between
 * builds it keeps what a fresh process would load again: the cache's
 * entries and file hashes in memory, and a lesson reader with unified and
 * shiki loaded. Pages come back before the search index, which follows in
 * `search`.
 */
export function createSiteBuilder(root: string, cache = true): SiteBuilder {
  let layout = detectLayout(root);
  // The dev server's watcher reports every change to the project's inputs, so their hashes need no stat until it does.
  const watched = (file: string) => isProjectInput(layout, file);
  const buildCache = cache ? openBuildCache(defaultCacheDir(root), { remember: true, watched }) : undefined;
  let reader: Promise<LessonReader> | undefined;
  const lessonReader = () => {
    reader ??= import("../pipeline/lesson-reader.js").then(({ createLessonReader }) => createLessonReader({ incremental: true }));
    return reader;
  };
  let warming: Promise<unknown> = Promise.resolve();
  return async (changes) => {
    await warming;
    buildCache?.changed(changes);
    const result = await buildCached({ root, lessonReader, searchLater: true, withoutLints: true }, buildCache);
    layout = result.layout;
    if (!reader) warming = warmUp(result.layout, lessonReader);
    return buildCache ? { ...result, files: withoutCacheCopies(result.files, buildCache) } : result;
  };
}

/** How many times the first lesson is read to warm the reader up. */
const warmUpReads = 2;

/**
 * Read the first lesson a few times on this thread, results unused, after
 * a first build that read its lessons on worker threads (or from the
 * cache): until then, unified, the plugins and shiki have never run here,
 * and the first save would pay for loading them and for running their code
 * before the JavaScript engine has compiled it.
 */
async function warmUp(layout: ProjectLayout, lessonReader: () => Promise<LessonReader>): Promise<void> {
  const folder = layout.lessons[0];
  if (!folder) return;
  const reader = await lessonReader();
  for (let read = 0; read < warmUpReads; read += 1) {
    await reader.read({ folder, root: layout.root, sharedDefinitions: "" }).catch(() => undefined);
  }
}
