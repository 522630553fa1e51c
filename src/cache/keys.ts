import { readFileSync } from "node:fs";
import path from "node:path";
import { hashParts } from "../project/hash.js";
import type { LessonFolder, ProjectLayout } from "../project/layout.js";
import type { PublishedFile } from "../project/published-files.js";
import type { Project } from "../pipeline/project-stage.js";
import type { PageSpec } from "../render/pages.js";
import type { BuildCache } from "./store.js";

// Every key the cache names an entry by. A key is a hash of everything the entry was made from, the generator itself
// included (its fingerprint), so an entry is never updated, only written once and read many times.

/** The text of a project file for a key, or a marker when it is absent. */
function fileText(file: string | undefined): string {
  if (file === undefined) return "(none)";
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "(unreadable)";
  }
}

/**
 * A lesson's own inputs: its text, the names in its folders (a missing or
 * unused data file changes the output too), the shared links and where it is.
 */
export function lessonKey(cache: BuildCache, root: string, folder: LessonFolder, sharedDefinitions: string): string {
  const listings = [...new Set([folder.dir, folder.dataDir])].map((dir) => cache.listFolder(dir).join("\n"));
  return hashParts([
    cache.fingerprint,
    "lesson",
    root,
    folder.slug,
    folder.file,
    folder.dir,
    folder.dataDir,
    sharedDefinitions,
    cache.hashFile(folder.file),
    ...listings,
  ]);
}

/** The files a lesson read besides its text, each with the hash of its bytes now. */
export function hashedFiles(cache: BuildCache, files: readonly string[]): [string, string][] {
  return files.map((file) => [file, cache.hashFile(file)]);
}

/** A lesson's outcome: its own inputs (`lesson`, its key) and the files it read, with their hashes (see {@link hashedFiles}). */
export function outcomeKey(lesson: string, dependencies: readonly [string, string][]): string {
  return hashParts([lesson, ...dependencies.flat()]);
}

/** Where the cache notes a lesson's latest outcome: by the lesson's path, whatever its text. */
export function latestKey(cache: BuildCache, folder: LessonFolder): string {
  return hashParts([cache.fingerprint, "latest", folder.file]);
}

/**
 * The shared documents: their paths and texts, the shared links, the older
 * tool's `pyproject.toml` (whose renames move root pages, and whose
 * problems are reported with the site), the course's configuration (its
 * problems are reported with the site too; by its text and its settings,
 * which say which of the files it names exist).
 */
export function sharedKey(cache: BuildCache, layout: ProjectLayout, sharedDefinitions: string): string {
  const files = [layout.home, layout.glossary, layout.bibliography, ...layout.pages, ...layout.pagesWhenLinked];
  return hashParts([
    cache.fingerprint,
    "shared",
    layout.root,
    layout.contentDir,
    sharedDefinitions,
    String(layout.pages.length),
    String(layout.pagesWhenLinked.length),
    layout.older?.file ? String(layout.older.file.value) : "(no older configuration)",
    layout.config.file ? String(layout.config.file.value) : "(no configuration)",
    JSON.stringify(layout.config.settings),
    ...files.flatMap((file) => [file ?? "-", fileText(file)]),
  ]);
}

/** Every file in the template folders, and whether pages mark errors (`--keep-going`), which changes them too. */
export function templatesKey(cache: BuildCache, folders: string[], markErrors: boolean): string {
  const parts: string[] = [markErrors ? "marked" : ""];
  for (const folder of folders) {
    for (const name of cache.listFolder(folder)) {
      if (name.endsWith("/")) continue;
      parts.push(folder, name, cache.hashFile(path.join(folder, name)));
    }
  }
  return hashParts(parts);
}

/**
 * The files a course publishes as they are: which files, from where, and
 * their bytes, which the author's HTML files have their links checked by
 * and the text files show on their view pages.
 */
export function publishedKey(cache: BuildCache, published: readonly PublishedFile[]): string {
  return hashParts(published.flatMap((file) => [file.target, file.source, cache.hashFile(file.source)]));
}

/**
 * A whole build: the root, the shared documents, the templates, the shared
 * links file, the published files, the course's icon (every page links it)
 * and every lesson's outcome (in folder order), or undefined when a lesson
 * has none.
 */
export function siteKey(
  cache: BuildCache,
  { layout, linksFile, favicon }: Project,
  keys: { shared: string; templates: string; published: string; lessons: (string | undefined)[] },
): string | undefined {
  if (!keys.lessons.every((key) => key !== undefined)) return undefined;
  const lessons = layout.lessons.flatMap((folder, at) => [folder.file, keys.lessons[at] ?? ""]);
  return hashParts([
    cache.fingerprint,
    "site",
    layout.root,
    keys.shared,
    keys.templates,
    keys.published,
    linksFile ? String(linksFile.value) : "(no shared links)",
    favicon?.path ?? "(no icon)",
    ...lessons,
  ]);
}

/**
 * A rendered page: the templates, where it goes, what it shows of the site
 * index (`select`), the outcome of the lesson it shows and the bytes of the
 * files it shows; undefined when the lesson it shows has no kept outcome.
 */
export function pageKey(cache: BuildCache, templates: string, page: PageSpec, lessonOutcome: string | undefined): string | undefined {
  if (page.lesson !== undefined && lessonOutcome === undefined) return undefined;
  const files = (page.files ?? []).flatMap((file) => [file, cache.hashFile(file)]);
  return hashParts([cache.fingerprint, "page", templates, page.path, page.template, lessonOutcome ?? "", ...page.select(), ...files]);
}

/** A part of the search index: what the indexer was given (its settings, each page's path and hash). */
export function searchPartKey(cache: BuildCache, inputs: readonly string[]): string {
  return hashParts([cache.fingerprint, "search", ...inputs]);
}

/** The URLs found in an HTML file's bytes (another version of the generator may find others). */
export function htmlUrlsKey(cache: BuildCache, bytesHash: string): string {
  return hashParts([cache.fingerprint, "html-urls", bytesHash]);
}
