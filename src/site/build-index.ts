import type { ElementContent } from "hast";
import type { VFile } from "vfile";
import { holesOf } from "../html/html-parts.js";
import type { LessonHtml } from "../html/sections.js";
import { suggestLinkKeys } from "./malformed-link-keys.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";
import type { RuleId } from "../diagnostics/rules.js";
import type { BibliographyEntry } from "./bibtex/parse.js";
import type { GlossaryEntry } from "./glossary.js";
import type { RootPage } from "./shared-documents.js";
import type { LessonFacts, NumberedLandmark, SiteIndex, SiteLesson } from "./model.js";
import { collectReferences, findReferences, pageSourceOf, type FoundReference } from "./references.js";
import type { OlderConfig } from "../project/older-config.js";
import type { CourseSettings } from "../project/course-config.js";
import { pagePaths } from "../project/urls.js";
import { olderPages, olderRedirects, publishedPages, rootPageAddresses } from "./older-addresses.js";
import { appendicesOnHome } from "./appendices.js";

/** What the site stage starts from. */
export interface SiteInput {
  title: string;
  subtitle: string | undefined;
  home: ElementContent[];
  /** In site order (the front matter's appendices last, see `orderLessons`); the site stage moves the home page's appendices after the lessons. */
  documents: LessonFacts[];
  /** The slugs the home page's front matter lists as appendices (`appendices:`). */
  appendices?: string[] | undefined;
  glossary: GlossaryEntry[];
  bibliography: BibliographyEntry[];
  /** The VFile of a source path, to report site-level problems where they were written. */
  fileOf: (source: string) => VFile;
  glossaryFile: VFile | undefined;
  bibliographyFile: VFile | undefined;
  /** The home page, whose introduction may reference lessons, figures and terms too. */
  homeFile?: VFile | undefined;
  /** Show a note where each error was found (`lessons build --keep-going`), instead of nothing. */
  markErrors?: boolean | undefined;
  /** The content folder's other Markdown files, each a page of its own, with their files. */
  pages?: { file: VFile; value: RootPage }[];
  /** The course's own icon (see `project/favicon.ts`), if it has one. */
  favicon?: { path: string; type: string } | undefined;
  /** In the older layout, the older tool's configuration: the addresses it gave pages, which the site keeps. */
  older?: OlderConfig | undefined;
  /** What the course's `lessons.yml` says; every default without one. */
  course?: CourseSettings | undefined;
}

/**
 * The names the generated site uses at its top level (its pages' folders,
 * `assets/` for the templates' files, `pagefind/` for the search index): a
 * lesson folder with one of them would overwrite those pages.
 */
const siteFolders = new Set([
  ...Object.values(pagePaths).flatMap((page) => (typeof page === "string" ? [page.split("/")[0] ?? page] : [])),
  "assets",
  "pagefind",
]);

/**
 * A lesson's placeholders as the site stage uses them: the labels that
 * number figures, tables and exercises, in document order, and every other
 * reference grouped by kind and key (in order of first use), so each key
 * is checked once however often the lesson uses it.
 */
interface LessonReferences {
  labels: FoundReference[];
  uses: Map<string, FoundReference[]>;
}

/** Lesson outline → its references; outlines are never changed once made, so a long-running process groups each one's once. */
const referencesByOutline = new WeakMap<LessonHtml, LessonReferences>();

function isLabel(reference: FoundReference): boolean {
  return reference.kind === "figure-label" || reference.kind === "table-label" || reference.kind === "exercise-label";
}

/** Every reference in `found` but the labels, grouped by kind and key. */
function groupUses(found: FoundReference[]): Map<string, FoundReference[]> {
  const uses = new Map<string, FoundReference[]>();
  for (const reference of found) {
    if (isLabel(reference)) continue;
    const name = `${reference.kind}:${reference.key}`;
    const group = uses.get(name);
    if (group) group.push(reference);
    else uses.set(name, [reference]);
  }
  return uses;
}

/** The placeholders of a lesson: they are all in the holes of its outline. */
function lessonReferences(lesson: LessonFacts): LessonReferences {
  let references = referencesByOutline.get(lesson.outline);
  if (!references) {
    const { intro, sections } = lesson.outline;
    // The holes are a new array on each call, so the search is not remembered by it but, grouped, by the outline above.
    const found = collectReferences(holesOf([...intro, ...sections.flatMap((section) => [...section.heading, ...section.body])]));
    references = { labels: found.filter(isLabel), uses: groupUses(found) };
    referencesByOutline.set(lesson.outline, references);
  }
  return references;
}

/** Record that `lesson` uses `key`. A lesson's references are checked one after the other, so if it is listed already, it is last. */
function addUse(uses: Map<string, SiteLesson[]>, key: string, lesson: SiteLesson): void {
  const list = uses.get(key);
  if (!list) uses.set(key, [lesson]);
  else if (list.at(-1) !== lesson) list.push(lesson);
}

function numberLandmarks(index: SiteIndex, lesson: SiteLesson, references: FoundReference[], file: VFile): void {
  const counters = { figure: 0, table: 0 };
  let exercises = 0;
  for (const { kind, key, element } of references) {
    if (kind === "figure-label" || kind === "table-label") {
      const landmarkKind = kind === "figure-label" ? "figure" : "table";
      counters[landmarkKind] += 1;
      const label = `${landmarkKind === "figure" ? "Figure" : "Table"} ${lesson.label}.${counters[landmarkKind]}`;
      const existing = index.landmarks.get(key);
      if (existing) {
        report(
          file,
          "figure-duplicate",
          `${landmarkKind} slug "${key}" is already used by ${existing.label} in ${existing.lesson.source}`,
          element.position,
        );
        continue;
      }
      index.landmarks.set(key, { kind: landmarkKind, slug: key, label, lesson } satisfies NumberedLandmark);
    } else if (kind === "exercise-label") {
      exercises += 1;
      const label = `Exercise ${lesson.label}.${exercises}`;
      index.exerciseLabels.set(`${lesson.slug}#${key}`, label);
      const sections = lesson.outline.sections;
      const at = sections.findIndex((section) => section.id === key);
      const next = sections[at + 1];
      index.exercises.push({
        lesson,
        sectionId: key,
        label,
        title: sections[at]?.title ?? "",
        solutionId: next?.classes.includes("solution") ? next.id : undefined,
      });
    }
  }
}

/** Report `message` (with `rule`) at every place `uses` were written. */
function reportAll(file: VFile, rule: RuleId, message: string, uses: FoundReference[]): void {
  for (const use of uses) report(file, rule, message, use.element.position);
}

/** Check one key that `uses` (all of one kind and key) refer to; record the lesson, if any, as a user of a known term or citation. */
function checkReferences(index: SiteIndex, uses: FoundReference[], lesson: SiteLesson | undefined, file: VFile): void {
  const [first] = uses;
  if (!first) return;
  const { kind, key } = first;
  if (kind === "g") {
    if (!index.glossary.has(key))
      reportAll(file, "glossary-key", `unknown glossary key "${key}"${didYouMean(key, index.glossary.keys())}`, uses);
    else if (lesson) addUse(index.glossaryUses, key, lesson);
  } else if (kind === "b") {
    if (!index.bibliography.has(key))
      reportAll(file, "bib-key", `unknown bibliography key "${key}"${didYouMean(key, index.bibliography.keys())}`, uses);
    else if (lesson) addUse(index.citationUses, key, lesson);
  } else if (kind === "f" || kind === "t") {
    const wanted = kind === "f" ? "figure" : "table";
    const landmark = index.landmarks.get(key);
    const rule = kind === "f" ? "figure-ref" : "table-ref";
    if (landmark && landmark.kind !== wanted) {
      const shortcode = landmark.kind === "figure" ? "f" : "t";
      reportAll(file, rule, `"${key}" is a ${landmark.kind}, not a ${wanted}: write [%${shortcode} ${key} %]`, uses);
    } else if (!landmark) {
      const known = [...index.landmarks.values()].filter((candidate) => candidate.kind === wanted).map((candidate) => candidate.slug);
      reportAll(file, rule, `unknown ${wanted} "${key}"${didYouMean(key, known)}`, uses);
    }
  } else if (kind === "x" && !index.lessonsBySlug.has(key)) {
    reportAll(file, "lesson-ref", `unknown lesson "${key}"${didYouMean(key, index.lessonsBySlug.keys())}`, uses);
  } else if (kind === "page") {
    const source = pageSourceOf(key);
    if (!index.pagesBySource.has(source)) {
      const hint = didYouMean(source, index.pagesBySource.keys());
      for (const use of uses) {
        const written = typeof use.element.properties.href === "string" ? use.element.properties.href : source;
        report(
          file,
          "link-target",
          `link target "${written}" cannot be shown: ${source} is no page of the site${hint}`,
          use.element.position,
        );
      }
    }
  }
}

/** A folder's name as a link to it names it: `02_fs/`, or `./` for the root. */
function folderSource(source: string): string {
  const folder = source.includes("/") ? source.slice(0, source.lastIndexOf("/")) : ".";
  return `${folder}/`;
}

/** Every Markdown source (and lesson or home folder) that is a page, with the page's path. */
function pagesBySource(input: SiteInput, lessons: SiteLesson[], pages: SiteIndex["pages"]): Map<string, string> {
  const sources = new Map<string, string>();
  const add = (file: VFile | undefined, page: string) => {
    if (file) sources.set(file.path, page);
  };
  add(input.homeFile, pagePaths.home);
  if (input.homeFile) sources.set(folderSource(input.homeFile.path), pagePaths.home);
  if (input.glossaryFile?.path.endsWith(".md")) add(input.glossaryFile, pagePaths.glossary);
  if (input.bibliographyFile?.path.endsWith(".md")) add(input.bibliographyFile, pagePaths.bibliography);
  for (const page of pages) sources.set(page.source, page.page);
  for (const lesson of lessons) {
    sources.set(lesson.source, lesson.page);
    sources.set(folderSource(lesson.source), lesson.page);
  }
  // The site's own list pages answer as folders beside the home page, as older courses' READMEs link them
  // (`[Glossary](./glossary/)`); the exercises page, which only a site with exercises has, once they are numbered.
  sources.set(listFolder(input, "glossary"), pagePaths.glossary);
  sources.set(listFolder(input, "bibliography"), pagePaths.bibliography);
  return sources;
}

/** The source a link to one of the site's list pages names, as a folder beside the home page: `glossary/`, `content/glossary/`. */
function listFolder(input: SiteInput, name: "glossary" | "bibliography" | "exercises"): string {
  const beside = input.homeFile ? folderSource(input.homeFile.path).replace(/^\.\//, "") : "";
  return `${beside}${name}/`;
}

/** Check every reference in `found` (of a page that is not a lesson: the glossary, the bibliography, the home page). */
function checkPageReferences(index: SiteIndex, found: FoundReference[], file: VFile): void {
  for (const uses of groupUses(found).values()) checkReferences(index, uses, undefined, file);
}

/** The letter of the appendix at `position` (from 0): A … Z, then AA, AB, … */
function appendixLetter(position: number): string {
  const letter = String.fromCharCode(65 + (position % 26));
  return position < 26 ? letter : appendixLetter(Math.floor(position / 26) - 1) + letter;
}

/**
 * The lessons in site order, numbered: the lessons 1, 2, …, then the
 * appendices (those the front matter or the home page's own appendix list
 * names) A, B, … in the order they are listed.
 */
function numberLessons(input: SiteInput): SiteLesson[] {
  const listed = [...(input.appendices ?? []), ...appendicesOnHome(input.home, input.documents)];
  const appendixOrder = new Map([...new Set(listed)].map((slug, position) => [slug, position]));
  const lessons = input.documents.filter((document) => !appendixOrder.has(document.slug));
  const appendices = input.documents
    .filter((document) => appendixOrder.has(document.slug))
    .sort((a, b) => (appendixOrder.get(a.slug) ?? 0) - (appendixOrder.get(b.slug) ?? 0));
  const sited = (document: LessonFacts, kind: SiteLesson["kind"], label: string): SiteLesson => ({
    ...document,
    kind,
    label,
    name: `${kind === "lesson" ? "Lesson" : "Appendix"} ${label}`,
    page: pagePaths.lesson(document.slug),
    slides: pagePaths.slides(document.slug),
  });
  return [
    ...lessons.map((document, position) => sited(document, "lesson", String(position + 1))),
    ...appendices.map((document, position) => sited(document, "appendix", appendixLetter(position))),
  ];
}

/**
 * The site stage: number lessons, figures, tables and exercises; check every
 * glossary key, citation and cross-reference against the whole site,
 * reporting misses on the file and position that made them; and record who
 * uses each glossary term and citation.
 */
export function buildSiteIndex(input: SiteInput): SiteIndex {
  const lessons = numberLessons(input);
  const found = lessons.map(lessonReferences);
  const lessonUses = found.flatMap(({ uses }) => [...uses.values()].flatMap(([first]) => (first ? [first] : [])));
  const published = publishedPages(input, lessons, lessonUses);
  const sitePages = [pagePaths.home, pagePaths.glossary, pagePaths.bibliography, pagePaths.exercises, pagePaths.notFound];
  const lessonPages = lessons.flatMap((lesson) => [lesson.page, lesson.slides]);
  const addresses = rootPageAddresses({
    older: input.older,
    sitePages: [...sitePages, ...lessonPages],
    rootPages: published.map(({ value }) => value),
  });
  const pages = published.map(({ value }) => ({ ...value, page: addresses.pages.get(value.source) ?? value.address }));
  const redirects = olderRedirects(input.older, olderPages(input), [...sitePages, ...lessonPages, ...pages.map((page) => page.page)]);
  const index: SiteIndex = {
    title: input.title,
    subtitle: input.subtitle,
    home: input.home,
    lessons,
    lessonsBySlug: new Map(lessons.map((lesson) => [lesson.slug, lesson])),
    landmarks: new Map(),
    exercises: [],
    exerciseLabels: new Map(),
    glossary: new Map(input.glossary.map((entry) => [entry.key, entry])),
    bibliography: new Map(input.bibliography.map((entry) => [entry.key, entry])),
    glossaryUses: new Map(),
    termsByLesson: new Map(),
    citationUses: new Map(),
    pages,
    markErrors: input.markErrors ?? false,
    favicon: input.favicon,
    pagesBySource: pagesBySource(input, lessons, pages),
    movedPages: addresses.moved,
    redirects,
    course: input.course ?? { lang: "en", css: [] },
  };
  for (const lesson of lessons) {
    if (siteFolders.has(lesson.slug)) {
      const reason = `lesson folder "${lesson.slug}" has the name of a part of the generated site; rename the folder`;
      report(input.fileOf(lesson.source), "lesson-slug", reason, { line: 1, column: 1 });
    }
  }
  lessons.forEach((lesson, at) => numberLandmarks(index, lesson, found[at]?.labels ?? [], input.fileOf(lesson.source)));
  if (index.exercises.length > 0) index.pagesBySource.set(listFolder(input, "exercises"), pagePaths.exercises);
  const otherFiles = [input.homeFile, input.glossaryFile, input.bibliographyFile, ...(input.pages ?? []).map((page) => page.file)];
  for (const file of [...lessons.map((lesson) => input.fileOf(lesson.source)), ...otherFiles]) if (file) suggestLinkKeys(file, index);
  lessons.forEach((lesson, at) => {
    const file = input.fileOf(lesson.source);
    const terms: string[] = [];
    for (const uses of found[at]?.uses.values() ?? []) {
      checkReferences(index, uses, lesson, file);
      const [first] = uses;
      if (first?.kind === "g" && index.glossary.has(first.key)) terms.push(first.key);
    }
    index.termsByLesson.set(lesson.slug, terms);
  });
  const linkedFromGlossary = new Set<string>();
  if (input.glossaryFile) {
    for (const entry of input.glossary) {
      const references = findReferences(entry.definition);
      checkPageReferences(index, references, input.glossaryFile);
      for (const reference of references) if (reference.kind === "g") linkedFromGlossary.add(reference.key);
    }
    for (const entry of input.glossary) {
      if (!entry.keyMade && !index.glossaryUses.has(entry.key) && !linkedFromGlossary.has(entry.key)) {
        report(input.glossaryFile, "glossary-unused", `glossary entry "${entry.key}" is linked from no lesson`, entry.position);
      }
    }
  }
  if (input.homeFile) {
    checkPageReferences(index, findReferences(input.home), input.homeFile);
  }
  for (const { file, value } of published) checkPageReferences(index, findReferences(value.body), file);
  if (input.bibliographyFile) {
    for (const entry of input.bibliography) {
      checkPageReferences(index, findReferences(entry.content), input.bibliographyFile);
      if (!index.citationUses.has(entry.key)) {
        report(input.bibliographyFile, "bib-unused", `bibliography entry "${entry.key}" is cited by no lesson`, entry.position);
      }
    }
  }
  return index;
}
