import type { HighlightedBlock } from "../html/highlighted-block.js";
import type { LessonHtml } from "../html/sections.js";
import type { LessonFolder } from "../project/layout.js";
import type { HtmlUrlStore } from "../render/html-file-links.js";
import type { PageSpec } from "../render/pages.js";
import type { SearchPartStore } from "../render/search-index.js";
import type { LessonFacts } from "../site/model.js";
import type { LessonOutcome } from "./lesson-reader.js";
import type { SharedDocuments } from "./shared-stage.js";

/** A lesson's outcome as the site stage takes it: its facts instead of its whole document. */
export type LessonFactsOutcome = Omit<LessonOutcome, "document"> & { facts: LessonFacts };

/** What the lesson stage asks before and after reading a lesson. */
export interface LessonMemo {
  /** The outcome of a lesson whose inputs are unchanged since it was kept, as facts; undefined when it must be read. */
  facts(folder: LessonFolder): LessonFactsOutcome | undefined;
  /** The body of a lesson whose facts came from {@link facts}, or undefined when it is gone. */
  body(folder: LessonFolder): LessonHtml | undefined;
  /** The code blocks an earlier reading of the lesson highlighted, so that reading it again after an edit need not. */
  highlighted(folder: LessonFolder): HighlightedBlock[] | undefined;
  /** Whether {@link keep} takes the blocks a reading highlighted (a reading returns them only then). */
  readonly keepsHighlighted: boolean;
  /**
   * Keep a lesson's fresh outcome (with its facts), read from inputs that
   * had not changed before `startedAt` (`Date.now()`); returns whether it
   * was kept, and {@link body} gives its body from now on.
   */
  keep(folder: LessonFolder, outcome: LessonOutcome, facts: LessonFacts, startedAt: number): boolean;
}

/** What the shared documents' stage asks: the home page, glossary, bibliography and root pages as an earlier build read them. */
export interface SharedMemo {
  read(): SharedDocuments | undefined;
  keep(shared: SharedDocuments): void;
}

/** A rendered page as a memo keeps it. */
export interface KeptPage {
  /** The hash of the page's bytes. */
  hash: string;
  /** A file holding the page's bytes, which the output copies. */
  file: string;
  /** Whether the page has a `data-pagefind-body`, known without reading it. */
  searchable: boolean;
}

/** What the page stage asks before rendering a page and keeps after. */
export interface PageMemo {
  /** The page as an earlier build rendered it from the same inputs, or undefined. */
  read(page: PageSpec): KeptPage | undefined;
  /** Keep a rendered page; returns it as kept (undefined when it could not be). */
  keep(page: PageSpec, contents: string): KeptPage | undefined;
  /** The text of a kept page, or undefined when it is gone. */
  text(page: KeptPage): string | undefined;
}

/**
 * What the stages of a build may take from earlier builds, and keep for
 * later ones; each stage asks its own. The build cache implements it
 * (`cache/`); {@link noMemo} remembers nothing.
 */
export interface BuildMemo {
  lessons: LessonMemo;
  shared: SharedMemo;
  pages: PageMemo;
  search: SearchPartStore | undefined;
  htmlUrls: HtmlUrlStore | undefined;
}

/** A memo that holds nothing and keeps nothing: a plain cold build. */
export const noMemo: BuildMemo = {
  lessons: {
    facts: () => undefined,
    body: () => undefined,
    highlighted: () => undefined,
    keepsHighlighted: false,
    keep: () => false,
  },
  shared: { read: () => undefined, keep: () => undefined },
  pages: { read: () => undefined, keep: () => undefined, text: () => undefined },
  search: undefined,
  htmlUrls: undefined,
};
