import type { ElementContent } from "hast";
import type { Exercise, SiteIndex } from "../site/model.js";
import { pagePaths, relativeUrl } from "../site/urls.js";
import { commonContext, lessonContext, pageHtml, sectionContext } from "./page-context.js";
import { slidesContext } from "./slides-context.js";

/** A page to render: where it goes, with which template and values. The list is data; rendering is separate. */
export interface PageSpec {
  path: string;
  template: string;
  context: object;
  /** The lesson whose body this page shows (its page and its slides); a cached build re-renders the page only when it changed. */
  lesson?: string;
}

function html(nodes: ElementContent[], index: SiteIndex, page: string): string {
  return pageHtml(nodes, index, { page, lesson: undefined });
}

function homePage(index: SiteIndex): PageSpec {
  const page = pagePaths.home;
  return {
    path: page,
    template: "home",
    context: {
      ...commonContext(index, page),
      title: index.title,
      intro: html(index.home, index, page),
      lessons: index.lessons.map((lesson) => ({
        number: lesson.number,
        title: lesson.title,
        summary: lesson.summary,
        href: relativeUrl(page, lesson.page),
        slides: relativeUrl(page, lesson.slides),
      })),
    },
  };
}

function glossaryPage(index: SiteIndex): PageSpec {
  const page = pagePaths.glossary;
  const groups = new Map<string, object[]>();
  for (const entry of index.glossary.values()) {
    const letter = entry.term.normalize("NFD").charAt(0).toUpperCase() || "#";
    const group = groups.get(letter) ?? [];
    group.push({
      key: entry.key,
      term: entry.term,
      definition: html(entry.definition, index, page),
      usedBy: (index.glossaryUses.get(entry.key) ?? []).map((lesson) => ({ title: lesson.title, href: relativeUrl(page, lesson.page) })),
    });
    groups.set(letter, group);
  }
  const letters = [...groups.entries()].map(([letter, entries]) => ({ letter, entries }));
  return { path: page, template: "glossary", context: { ...commonContext(index, page), title: "Glossary", letters } };
}

function bibliographyPage(index: SiteIndex): PageSpec {
  const page = pagePaths.bibliography;
  const entries = [...index.bibliography.values()].map((entry) => ({
    key: entry.key,
    content: html(entry.content, index, page),
    citedBy: (index.citationUses.get(entry.key) ?? []).map((lesson) => ({ title: lesson.title, href: relativeUrl(page, lesson.page) })),
  }));
  return { path: page, template: "bibliography", context: { ...commonContext(index, page), title: "Bibliography", entries } };
}

function exercisesPage(index: SiteIndex): PageSpec {
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
      const sectionById = new Map(lesson.body.sections.map((section) => [section.id, section]));
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
      return { number: lesson.number, title: lesson.title, href: relativeUrl(page, lesson.page), exercises };
    })
    .filter((lesson) => lesson.exercises.length > 0);
  return { path: page, template: "exercises", context: { ...commonContext(index, page), title: "Exercises", lessons } };
}

/** Every page of the site, in a fixed order. */
export function sitePages(index: SiteIndex): PageSpec[] {
  return [
    homePage(index),
    // Lesson pages build their context when it is read, so pages the cache already has cost nothing.
    ...index.lessons.map((lesson) => ({
      path: lesson.page,
      template: "lesson",
      lesson: lesson.slug,
      get context() {
        return lessonContext(index, lesson);
      },
    })),
    ...index.lessons.map((lesson) => ({
      path: lesson.slides,
      template: "slides",
      lesson: lesson.slug,
      get context() {
        return slidesContext(index, lesson);
      },
    })),
    glossaryPage(index),
    bibliographyPage(index),
    exercisesPage(index),
  ];
}
