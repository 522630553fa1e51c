import { hashParts } from "../project/hash.js";
import type { SiteIndex } from "../site/model.js";

/** JSON without source positions, which move whenever a line above them does and never show on a page. */
export function positionFree(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === "position" ? undefined : inner));
}

/**
 * What every page takes from each field of the site index (its header and
 * menus, and the references it resolves: glossary terms, citations,
 * numbered figures, links to other pages), or why it takes nothing from
 * it. Typed over every field, so a field added to `SiteIndex` does not
 * compile until it is placed here; what only some pages show is in their
 * own `select` (see `pages.ts`).
 */
const everyPageShows: { [Field in keyof SiteIndex]: ((index: SiteIndex) => unknown) | { notShown: string } } = {
  title: (index) => index.title,
  subtitle: (index) => index.subtitle ?? null,
  home: { notShown: "shown on the home page only" },
  lessons: (index) => index.lessons.map((lesson) => [lesson.slug, lesson.kind, lesson.label, lesson.name, lesson.title]),
  lessonsBySlug: { notShown: "the same lessons as `lessons`" },
  landmarks: (index) => [...index.landmarks].map(([key, landmark]) => [key, landmark.kind, landmark.label, landmark.lesson.slug]),
  exercises: (index) => index.exercises.length > 0,
  exerciseLabels: (index) => [...index.exerciseLabels],
  glossary: (index) => [...index.glossary.values()],
  bibliography: (index) => [...index.bibliography.values()],
  glossaryUses: { notShown: "shown on the glossary page only" },
  termsByLesson: (index) => [...index.termsByLesson],
  citationUses: { notShown: "shown on the bibliography page only" },
  pages: (index) => index.pages.map((page) => [page.source, page.page, page.title]),
  markErrors: (index) => index.markErrors,
  favicon: (index) => index.favicon ?? null,
  pagesBySource: (index) => [...index.pagesBySource],
  movedPages: (index) => [...index.movedPages],
  redirects: { notShown: "shown on the redirect pages only" },
  course: (index) => index.course,
};

/** Site index → the hash of what every page takes from it; an index is never changed once its pages are listed. */
const digests = new WeakMap<SiteIndex, string>();

/** A hash of what every page takes from the site index (see {@link everyPageShows}). */
export function siteFactsDigest(index: SiteIndex): string {
  let digest = digests.get(index);
  if (digest === undefined) {
    const facts = Object.entries(everyPageShows).flatMap(([field, take]) => (typeof take === "function" ? [[field, take(index)]] : []));
    digest = hashParts([positionFree(facts)]);
    digests.set(index, digest);
  }
  return digest;
}
