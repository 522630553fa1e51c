import type { ElementContent } from "hast";
import type { LessonDocument } from "../html/lesson-document.js";
import type { LessonHtml } from "../html/sections.js";
import type { GlossaryEntry } from "./glossary.js";
import type { BibliographyEntry } from "./bibtex/parse.js";
import type { RootPage } from "./shared-documents.js";
import type { CourseSettings } from "../project/course-config.js";

export type { LessonDocument };

/**
 * What the site stage and the site-wide pages know of a lesson: everything
 * but its body, which only its own pages show (they get it by its slug).
 */
export interface LessonFacts extends Omit<LessonDocument, "body"> {
  /**
   * The body's outline: its headings' classes and sections' ids, classes
   * and titles, with only the holes of their HTML (which hold the reference
   * placeholders, in order, so numbering and checks come out as from the
   * whole body), except exercises and solutions, which the exercises page
   * shows in full.
   */
  outline: LessonHtml;
}

/** A lesson in the site: its facts, its place in the site and its pages. */
export interface SiteLesson extends LessonFacts {
  /** An appendix is one the home page lists as such; appendices come after the lessons and are lettered, not numbered. */
  kind: "lesson" | "appendix";
  /** What numbers it and its figures, tables and exercises: `3` for the third lesson, `A` for the first appendix. */
  label: string;
  /** How pages name it: `Lesson 3`, `Appendix A`. */
  name: string;
  page: string;
  slides: string;
}

/** A numbered figure or table. */
export interface NumberedLandmark {
  kind: "figure" | "table";
  slug: string;
  label: string;
  lesson: SiteLesson;
}

/** A numbered exercise and the solution that follows it, if any. */
export interface Exercise {
  lesson: SiteLesson;
  sectionId: string;
  label: string;
  title: string;
  solutionId: string | undefined;
}

/** An address the older tool published that now leads, through a small page, to where the site keeps that page. */
export interface Redirect {
  /** The older address, relative to the site root (`glossary.html`). */
  from: string;
  /** The page's address in this site (`glossary/index.html`). */
  to: string;
  /** The page's title, for the link the redirect page shows. */
  title: string;
}

/** Everything known about the site once every lesson has been read. */
export interface SiteIndex {
  title: string;
  subtitle: string | undefined;
  home: ElementContent[];
  lessons: SiteLesson[];
  lessonsBySlug: Map<string, SiteLesson>;
  landmarks: Map<string, NumberedLandmark>;
  exercises: Exercise[];
  exerciseLabels: Map<string, string>;
  glossary: Map<string, GlossaryEntry>;
  bibliography: Map<string, BibliographyEntry>;
  /** Glossary key → lessons that link it, in site order. */
  glossaryUses: Map<string, SiteLesson[]>;
  /** Lesson slug → glossary keys it links, in order of first use. */
  termsByLesson: Map<string, string[]>;
  citationUses: Map<string, SiteLesson[]>;
  /** The content folder's other Markdown files (`LICENSE.md`), each a page of its own. */
  pages: (RootPage & { page: string })[];
  /** Whether pages show a note where each error was found (`lessons build --keep-going`). */
  markErrors: boolean;
  /** The course's own icon, as a site path and a media type; undefined when pages show the generator's. */
  favicon: { path: string; type: string } | undefined;
  /** Source path of each Markdown file or folder that is a page (`02_fs/index.md`, `02_fs/`, `LICENSE.md`) → that page's path. */
  pagesBySource: Map<string, string>;
  /**
   * A root page's default address (`LICENSE.html`) → the one the older
   * layout's `renames` moved it to (`license.html`): links the document
   * stage writes by the default address are made to land there.
   */
  movedPages: Map<string, string>;
  /** Redirect pages at the older tool's addresses (older layout only). */
  redirects: Redirect[];
  /** What the course's `lessons.yml` says (its title is already `title`). */
  course: CourseSettings;
}
