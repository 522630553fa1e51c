import type { PageSpec } from "../render/pages.js";
import type { SiteIndex } from "../site/model.js";
import type { BuildCache } from "./cache.js";
import { hashParts } from "../project/hash.js";

/**
 * What a lesson's pages take from each field of the site index, or why they
 * take nothing from it. Typed over every field, so a field added to
 * `SiteIndex` does not compile until it is placed here.
 */
const lessonPageFacts: { [Field in keyof SiteIndex]: ((index: SiteIndex) => unknown) | { notShown: string } } = {
  title: { notShown: "comes from the home page, part of the shared documents' key" },
  subtitle: { notShown: "comes from the home page, part of the shared documents' key" },
  home: { notShown: "comes from the home page, part of the shared documents' key" },
  lessons: (index) => index.lessons.map((lesson) => [lesson.slug, lesson.kind, lesson.label, lesson.title]),
  lessonsBySlug: { notShown: "the same lessons as `lessons`" },
  landmarks: (index) => [...index.landmarks].map(([key, landmark]) => [key, landmark.kind, landmark.label, landmark.lesson.slug]),
  exercises: {
    notShown: "a lesson's pages show only exercise labels; whether the menu links the exercises page follows from `exerciseLabels`",
  },
  exerciseLabels: (index) => [...index.exerciseLabels],
  glossary: { notShown: "comes from the glossary, part of the shared documents' key" },
  bibliography: { notShown: "comes from the bibliography, part of the shared documents' key" },
  glossaryUses: { notShown: "shown on the glossary page only" },
  termsByLesson: (index) => [...index.termsByLesson],
  citationUses: { notShown: "shown on the bibliography page only" },
  pages: { notShown: "root pages come from the shared documents, part of their key" },
  markErrors: { notShown: "part of the templates' key" },
  favicon: (index) => index.favicon ?? null,
  pagesBySource: (index) => [...index.pagesBySource],
  movedPages: (index) => [...index.movedPages],
  redirects: { notShown: "shown on the redirect pages only" },
  course: { notShown: "comes from lessons.yml, part of the shared documents' key" },
};

/**
 * A hash of what a lesson's pages take from the rest of the site (see
 * {@link lessonPageFacts}) and of the shared documents (home page, glossary
 * and bibliography, by their cache key). While it and the lesson are
 * unchanged, the lesson's pages are too.
 */
export function siteFactsKey(index: SiteIndex, sharedKey: string): string {
  const facts = Object.entries(lessonPageFacts).flatMap(([field, take]) => (typeof take === "function" ? [[field, take(index)]] : []));
  return hashParts([sharedKey, JSON.stringify(facts)]);
}

/** A rendered page as the cache keeps it. */
export interface StoredPage {
  /** The hash of the page's bytes, which names its blob. */
  blob: string;
  /** The blob's file, which the output copies. */
  file: string;
  /** Whether the page has a `data-pagefind-body`, known without reading it. */
  searchable: boolean;
}

/** Whether the search index takes a page's body (see `render/search-index.ts`). */
export function isSearchable(contents: string): boolean {
  return contents.includes("data-pagefind-body");
}

/** Rendered lesson pages kept between builds. */
export interface PageCache {
  /** The cache key of a page, or undefined when it must be rendered (a lesson read but not stored). */
  key(page: PageSpec): string | undefined;
  /** A page from an earlier build, or undefined: its blob (not read), and whether search indexes it. */
  read(key: string): StoredPage | undefined;
  /** Keep a rendered page; returns it as stored (undefined when the blob could not be written). */
  write(key: string, contents: string): StoredPage | undefined;
  /** Every key looked up or written, to keep when the cache is pruned. */
  used: Set<string>;
}

/**
 * The page cache for one build: every page is keyed by the site's facts
 * (see {@link siteFactsKey}), the templates and the generator, and by what
 * else it shows: a lesson's page or slides by the lesson's cached outcome,
 * a site-wide page (home, glossary, exercises, …) by its digest, and a
 * page that shows project files (a file's view page) by their contents too.
 */
export function openPageCache(
  cache: BuildCache,
  base: { templates: string; facts: string },
  lessonKeys: Map<string, string | undefined>,
): PageCache {
  const used = new Set<string>();
  return {
    used,
    key(page) {
      const shows = page.lesson === undefined ? page.digest?.() : lessonKeys.get(page.lesson);
      if (shows === undefined) return undefined;
      const files = (page.files ?? []).flatMap((file) => [file, cache.hashFile(file)]);
      const key = hashParts([cache.fingerprint, "page", base.templates, base.facts, page.path, page.template, shows, ...files]);
      used.add(key);
      return key;
    },
    read(key) {
      const entry = cache.read<Omit<StoredPage, "file">>("page", key);
      const file = entry && cache.blobFile(entry.blob);
      return entry && file ? { ...entry, file } : undefined;
    },
    write(key, contents) {
      const entry = { blob: cache.writeBlob(contents), searchable: isSearchable(contents) };
      const file = cache.blobFile(entry.blob);
      if (!file) return undefined;
      cache.write("page", key, entry);
      return { ...entry, file };
    },
  };
}
