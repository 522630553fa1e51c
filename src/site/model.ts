import type { ElementContent } from "hast";
import type { LessonHtml } from "../html/sections.js";
import type { Asset } from "../markdown/types.js";
import type { GlossaryEntry } from "../project/glossary.js";
import type { BibliographyEntry } from "../project/bibtex.js";
import type { RootPage } from "../project/site-inputs.js";

/** One lesson after the document stage: everything the site stage needs, serialisable. */
export interface LessonDocument {
  slug: string;
  /** Source path relative to the project root, for diagnostics. */
  source: string;
  title: string;
  summary: string | undefined;
  /** Serialised once, where the lesson is read; pages fill its holes. */
  body: LessonHtml;
  assets: Asset[];
}

/** A lesson in the site: its document, its number and its pages. */
export interface SiteLesson extends LessonDocument {
  number: number;
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
  /** Source path of each Markdown file or folder that is a page (`02_fs/index.md`, `02_fs/`, `LICENSE.md`) → that page's path. */
  pagesBySource: Map<string, string>;
}
