import type { ElementContent } from "hast";
import { hashParts } from "../project/hash.js";
import type { LessonHtml } from "../html/sections.js";
import type { Exercise, Redirect, SiteIndex, SiteLesson } from "../site/model.js";
import { glossaryLetter } from "../site/glossary.js";
import { findReferences, pageSourceOf } from "../site/references.js";
import { pagePaths, relativeUrl } from "../project/urls.js";
import { commonContext, firstParagraphText, lessonContext, pageDescription, pageHtml, sectionContext } from "./page-context.js";
import { positionFree, siteFactsDigest } from "./site-facts.js";
import { slidesContext } from "./slides-context.js";

/** A page to render: where it goes, with which template and values. The list is data; rendering is separate. */
export type PageSpec = PageWhere & (PageValues | PreparedValues);

/** Where a page goes and what its cache key holds. */
interface PageWhere {
  path: string;
  template: string;
  /** The lesson whose body this page shows (its page and its slides); a cached build re-renders the page only when it changed. */
  lesson?: string;
  /**
   * What the page shows of the site index, as strings (hashes, JSON): every
   * page's share (see `site-facts.ts`) and its own. While they, the
   * templates, the lesson it shows and the files it shows are unchanged,
   * so is the page, and a cached build takes it from the cache.
   */
  select: () => string[];
  /** Project files the page shows (a file's view page): their contents are part of its cache key too. */
  files?: string[];
}

/** The values of a page's template, built when they are read. */
interface PageValues {
  context: object;
}

/**
 * The values of a page's template when they take work first (reading and
 * highlighting a file), which is done only for a page that is rendered and
 * may start before its turn; nothing keeps them once the page is rendered.
 */
interface PreparedValues {
  prepare: () => Promise<object>;
}

/** Lesson outline → a hash of its exercise and solution sections; outlines are never changed once made, so each is hashed once. */
const exerciseDigests = new WeakMap<LessonHtml, string>();

function exerciseDigest(lesson: SiteLesson): string {
  let digest = exerciseDigests.get(lesson.outline);
  if (digest === undefined) {
    const shown = lesson.outline.sections.filter((section) => section.classes.includes("exercise") || section.classes.includes("solution"));
    digest = hashParts([positionFree(shown)]);
    exerciseDigests.set(lesson.outline, digest);
  }
  return digest;
}

/** The slugs of the lessons in a "who uses this" map (their titles are among every page's facts). */
function usesDigest(uses: Map<string, SiteLesson[]>): string {
  return JSON.stringify([...uses].map(([key, lessons]) => [key, lessons.map((lesson) => lesson.slug)]));
}

function html(nodes: ElementContent[], index: SiteIndex, page: string): string {
  return pageHtml(nodes, index, { page, lesson: undefined });
}

/** Whether the home page's own text links every lesson, as older courses' README files do; then it needs no lesson list. */
function introLinksEveryLesson(index: SiteIndex): boolean {
  const linked = new Set(
    findReferences(index.home).flatMap(({ kind, key }) => {
      if (kind === "x") return [index.lessonsBySlug.get(key)?.page];
      return kind === "page" ? [index.pagesBySource.get(pageSourceOf(key))] : [];
    }),
  );
  return index.lessons.length > 0 && index.lessons.every((lesson) => linked.has(lesson.page));
}

function homeContext(index: SiteIndex) {
  const page = pagePaths.home;
  const listed = (introLinksEveryLesson(index) ? [] : index.lessons).map((lesson) => ({
    kind: lesson.kind,
    label: lesson.label,
    name: lesson.name,
    title: lesson.title,
    summary: lesson.summary,
    href: relativeUrl(page, lesson.page),
    slides: relativeUrl(page, lesson.slides),
  }));
  return {
    ...commonContext(index, page),
    title: index.title,
    description: pageDescription(index.subtitle ?? firstParagraphText(index.home)),
    intro: html(index.home, index, page),
    lessons: listed.filter((lesson) => lesson.kind === "lesson"),
    appendices: listed.filter((lesson) => lesson.kind === "appendix"),
  };
}

function rootPageContext(index: SiteIndex, page: SiteIndex["pages"][number]) {
  const description = pageDescription(firstParagraphText(page.body));
  return { ...commonContext(index, page.page), title: page.title, description, body: html(page.body, index, page.page) };
}

function redirectContext(index: SiteIndex, redirect: Redirect) {
  return { ...commonContext(index, redirect.from), title: redirect.title, target: relativeUrl(redirect.from, redirect.to) };
}

/**
 * The page a web server shows for an address the site does not have, at
 * any depth: with the site's `url`, its links are taken from there (a
 * `<base>`); without one, they work for addresses at the top of the site.
 */
function notFoundContext(index: SiteIndex) {
  const page = pagePaths.notFound;
  const description = pageDescription(`This page is not part of ${index.title}.`);
  // Not an address of its own: a server shows it at every address the site lacks.
  const common = { ...commonContext(index, page), menuEntry: "", canonical: undefined };
  return { ...common, title: "Page not found", description, base: index.course.url };
}

function glossaryContext(index: SiteIndex) {
  const page = pagePaths.glossary;
  const groups = new Map<string, object[]>();
  for (const entry of index.glossary.values()) {
    const letter = glossaryLetter(entry.term);
    const group = groups.get(letter) ?? [];
    group.push({
      key: entry.key,
      /** The term as plain text: the name of a search hit in its entry. */
      title: entry.term,
      term: html(entry.termContent, index, page),
      definition: html(entry.definition, index, page),
      usedBy: (index.glossaryUses.get(entry.key) ?? []).map((lesson) => ({ title: lesson.title, href: relativeUrl(page, lesson.page) })),
    });
    groups.set(letter, group);
  }
  const letters = [...groups.entries()].map(([letter, entries]) => ({ letter, entries }));
  const description = pageDescription(`The terms the lessons of ${index.title} define, each with the lessons that use it.`);
  return { ...commonContext(index, page), title: "Glossary", description, letters };
}

function bibliographyContext(index: SiteIndex) {
  const page = pagePaths.bibliography;
  const entries = [...index.bibliography.values()].map((entry) => ({
    key: entry.key,
    content: html(entry.content, index, page),
    citedBy: (index.citationUses.get(entry.key) ?? []).map((lesson) => ({ title: lesson.title, href: relativeUrl(page, lesson.page) })),
  }));
  const description = pageDescription(`The works the lessons of ${index.title} cite, each with the lessons that cite it.`);
  return { ...commonContext(index, page), title: "Bibliography", description, entries };
}

function exercisesContext(index: SiteIndex) {
  const page = pagePaths.exercises;
  const byLesson = new Map<string, Exercise[]>();
  for (const exercise of index.exercises) {
    const list = byLesson.get(exercise.lesson.slug) ?? [];
    list.push(exercise);
    byLesson.set(exercise.lesson.slug, list);
  }
  const lessons = index.lessons
    .map((lesson) => {
      const context = { page, lesson: lesson.slug };
      const sectionById = new Map(lesson.outline.sections.map((section) => [section.id, section]));
      const exercises = (byLesson.get(lesson.slug) ?? []).map((exercise) => {
        const section = sectionById.get(exercise.sectionId);
        const solution = exercise.solutionId ? sectionById.get(exercise.solutionId) : undefined;
        return {
          label: exercise.label,
          title: exercise.title,
          href: relativeUrl(page, `${lesson.page}#${exercise.sectionId}`),
          section: section ? sectionContext(section, index, context) : undefined,
          solution: solution ? sectionContext(solution, index, context) : undefined,
        };
      });
      return { label: lesson.label, name: lesson.name, title: lesson.title, href: relativeUrl(page, lesson.page), exercises };
    })
    .filter((lesson) => lesson.exercises.length > 0);
  const description = pageDescription(`Every exercise of ${index.title}, lesson by lesson, with its solution where it has one.`);
  return { ...commonContext(index, page), title: "Exercises", description, lessons };
}

/**
 * Every page of the site, in a fixed order (the exercises page only when
 * some lesson has an exercise), with the 404 page. Each page builds its
 * context only when it is read, so pages the cache already has cost nothing;
 * a lesson's pages get its body from `bodyOf` then.
 */
export function sitePages(index: SiteIndex, bodyOf: (slug: string) => LessonHtml): PageSpec[] {
  const facts = () => siteFactsDigest(index);
  return [
    {
      path: pagePaths.home,
      template: "home",
      get context() {
        return homeContext(index);
      },
      select: () => [facts(), positionFree(index.home), JSON.stringify(index.lessons.map((lesson) => lesson.summary ?? null))],
    },
    // A lesson's page and its slides one after the other: its body is needed for those two only.
    ...index.lessons.flatMap((lesson) => [
      {
        path: lesson.page,
        template: "lesson",
        lesson: lesson.slug,
        get context() {
          return lessonContext(index, lesson, bodyOf(lesson.slug));
        },
        select: () => [facts()],
      },
      {
        path: lesson.slides,
        template: "slides",
        lesson: lesson.slug,
        get context() {
          return slidesContext(index, lesson, bodyOf(lesson.slug));
        },
        select: () => [facts()],
      },
    ]),
    ...index.pages.map((page) => ({
      path: page.page,
      template: "page",
      get context() {
        return rootPageContext(index, page);
      },
      select: () => [facts(), positionFree(page)],
    })),
    {
      path: pagePaths.glossary,
      template: "glossary",
      get context() {
        return glossaryContext(index);
      },
      select: () => [facts(), usesDigest(index.glossaryUses)],
    },
    {
      path: pagePaths.bibliography,
      template: "bibliography",
      get context() {
        return bibliographyContext(index);
      },
      select: () => [facts(), usesDigest(index.citationUses)],
    },
    {
      path: pagePaths.notFound,
      template: "404",
      get context() {
        return notFoundContext(index);
      },
      select: () => [facts()],
    },
    ...index.redirects.map((redirect) => ({
      path: redirect.from,
      template: "redirect",
      get context() {
        return redirectContext(index, redirect);
      },
      select: () => [facts(), JSON.stringify(redirect)],
    })),
    // A site without exercises has no exercises page (and its menu no entry for one).
    ...(index.exercises.length > 0
      ? [
          {
            path: pagePaths.exercises,
            template: "exercises",
            get context() {
              return exercisesContext(index);
            },
            select: () => [facts(), JSON.stringify(index.lessons.map((lesson) => [lesson.slug, exerciseDigest(lesson)]))],
          },
        ]
      : []),
  ];
}
