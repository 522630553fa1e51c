import { readFileSync } from "node:fs";
import type { PageSpec } from "../render/pages.js";
import type { SiteIndex, SiteLesson } from "../site/model.js";
import type { BuildCache } from "./cache.js";
import { hashParts } from "./hash.js";

function isSiteLesson(value: object): value is SiteLesson {
  return "body" in value && "slides" in value && "number" in value;
}

/**
 * A hash of everything in the site index except lesson bodies: titles,
 * numbers, summaries, figure and exercise labels, glossary and
 * bibliography, who uses which term. A lesson's pages depend on these and
 * on their own lesson's body, nothing else; so while this hash and the
 * lesson are unchanged, its pages are too.
 */
export function siteFactsKey(index: SiteIndex): string {
  const facts = JSON.stringify(index, (_key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()];
    if (typeof value === "object" && value !== null && isSiteLesson(value)) return { ...value, body: undefined };
    return value;
  });
  return hashParts([facts]);
}

/** Rendered lesson pages kept between builds. */
export interface PageCache {
  /** The cache key of a page, or undefined when it must be rendered (a site-wide page, or a lesson read but not stored). */
  key(page: PageSpec): string | undefined;
  /** The page's HTML from an earlier build, or undefined. */
  read(key: string): string | undefined;
  write(key: string, contents: string): void;
  /** Every key looked up or written, to keep when the cache is pruned. */
  used: Set<string>;
}

/**
 * The page cache for one build: a lesson's page or slides are keyed by the
 * site's facts (see {@link siteFactsKey}), the lesson's cached outcome, the
 * templates and the generator. Pages that show more than one lesson's body
 * or the whole site (home, glossary, exercises, …) are always rendered.
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
      const lessonKey = page.lesson === undefined ? undefined : lessonKeys.get(page.lesson);
      if (lessonKey === undefined) return undefined;
      const key = hashParts([cache.fingerprint, "page", base.templates, base.facts, page.path, page.template, lessonKey]);
      used.add(key);
      return key;
    },
    read(key) {
      const blob = cache.read<string>("page", key);
      const file = blob === undefined ? undefined : cache.blobFile(blob);
      try {
        return file === undefined ? undefined : readFileSync(file, "utf8");
      } catch {
        return undefined;
      }
    },
    write(key, contents) {
      cache.write("page", key, cache.writeBlob(contents));
    },
  };
}
