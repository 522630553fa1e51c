import type { ElementContent } from "hast";
import type { VFile } from "vfile";
import { holesOf } from "../html/holes.js";
import type { LessonHtml } from "../html/sections.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";
import type { BibliographyEntry } from "../project/bibtex.js";
import type { GlossaryEntry } from "../project/glossary.js";
import type { LessonDocument, NumberedLandmark, SiteIndex, SiteLesson } from "./model.js";
import { findReferences, type FoundReference } from "./references.js";
import { pagePaths } from "./urls.js";

/** What the site stage starts from. */
export interface SiteInput {
  title: string;
  subtitle: string | undefined;
  home: ElementContent[];
  documents: LessonDocument[];
  glossary: GlossaryEntry[];
  bibliography: BibliographyEntry[];
  /** The VFile of a source path, to report site-level problems where they were written. */
  fileOf: (source: string) => VFile;
  glossaryFile: VFile | undefined;
  bibliographyFile: VFile | undefined;
  /** The home page, whose introduction may reference lessons, figures and terms too. */
  homeFile?: VFile | undefined;
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

/** Lesson body → its placeholders; bodies are never changed once read, so a long-running process finds each body's once. */
const referencesByBody = new WeakMap<LessonHtml, FoundReference[]>();

/** The placeholders of a lesson, in document order: they are all in the holes of its serialised body. */
function lessonReferences(lesson: LessonDocument): FoundReference[] {
  let found = referencesByBody.get(lesson.body);
  if (!found) {
    const { intro, sections } = lesson.body;
    found = findReferences(holesOf([...intro, ...sections.flatMap((section) => [...section.heading, ...section.body])]));
    referencesByBody.set(lesson.body, found);
  }
  return found;
}

function addUse(uses: Map<string, SiteLesson[]>, key: string, lesson: SiteLesson): void {
  const list = uses.get(key) ?? [];
  if (!list.includes(lesson)) list.push(lesson);
  uses.set(key, list);
}

function numberLandmarks(index: SiteIndex, lesson: SiteLesson, references: FoundReference[], file: VFile): void {
  const counters = { figure: 0, table: 0 };
  let exercises = 0;
  for (const { kind, key, element } of references) {
    if (kind === "figure-label" || kind === "table-label") {
      const landmarkKind = kind === "figure-label" ? "figure" : "table";
      counters[landmarkKind] += 1;
      const label = `${landmarkKind === "figure" ? "Figure" : "Table"} ${lesson.number}.${counters[landmarkKind]}`;
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
      const label = `Exercise ${lesson.number}.${exercises}`;
      index.exerciseLabels.set(`${lesson.slug}#${key}`, label);
      const sections = lesson.body.sections;
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

function checkReference(index: SiteIndex, reference: FoundReference, lesson: SiteLesson | undefined, file: VFile): void {
  const { kind, key, element } = reference;
  const place = element.position;
  if (kind === "g") {
    if (!index.glossary.has(key))
      report(file, "glossary-key", `unknown glossary key "${key}"${didYouMean(key, index.glossary.keys())}`, place);
    else if (lesson) addUse(index.glossaryUses, key, lesson);
  } else if (kind === "b") {
    if (!index.bibliography.has(key))
      report(file, "bib-key", `unknown bibliography key "${key}"${didYouMean(key, index.bibliography.keys())}`, place);
    else if (lesson) addUse(index.citationUses, key, lesson);
  } else if (kind === "f" || kind === "t") {
    const wanted = kind === "f" ? "figure" : "table";
    const landmark = index.landmarks.get(key);
    const rule = kind === "f" ? "figure-ref" : "table-ref";
    if (landmark && landmark.kind !== wanted) {
      const shortcode = landmark.kind === "figure" ? "f" : "t";
      report(file, rule, `"${key}" is a ${landmark.kind}, not a ${wanted}: write [%${shortcode} ${key} %]`, place);
    } else if (!landmark) {
      const known = [...index.landmarks.values()].filter((candidate) => candidate.kind === wanted).map((candidate) => candidate.slug);
      report(file, rule, `unknown ${wanted} "${key}"${didYouMean(key, known)}`, place);
    }
  } else if (kind === "x" && !index.lessonsBySlug.has(key)) {
    report(file, "lesson-ref", `unknown lesson "${key}"${didYouMean(key, index.lessonsBySlug.keys())}`, place);
  }
}

/**
 * The site stage: number lessons, figures, tables and exercises; check every
 * glossary key, citation and cross-reference against the whole site,
 * reporting misses on the file and position that made them; and record who
 * uses each glossary term and citation.
 */
export function buildSiteIndex(input: SiteInput): SiteIndex {
  const lessons: SiteLesson[] = input.documents.map((document, position) => ({
    ...document,
    number: position + 1,
    page: pagePaths.lesson(document.slug),
    slides: pagePaths.slides(document.slug),
  }));
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
  };
  for (const lesson of lessons) {
    if (siteFolders.has(lesson.slug)) {
      const reason = `lesson folder "${lesson.slug}" has the name of a part of the generated site; rename the folder`;
      report(input.fileOf(lesson.source), "lesson-slug", reason, { line: 1, column: 1 });
    }
  }
  const found = lessons.map(lessonReferences);
  lessons.forEach((lesson, at) => numberLandmarks(index, lesson, found[at] ?? [], input.fileOf(lesson.source)));
  lessons.forEach((lesson, at) => {
    const file = input.fileOf(lesson.source);
    const references = found[at] ?? [];
    for (const reference of references) checkReference(index, reference, lesson, file);
    const terms = references
      .filter((reference) => reference.kind === "g" && index.glossary.has(reference.key))
      .map((reference) => reference.key);
    index.termsByLesson.set(lesson.slug, [...new Set(terms)]);
  });
  const linkedFromGlossary = new Set<string>();
  if (input.glossaryFile) {
    for (const entry of input.glossary) {
      for (const reference of findReferences(entry.definition)) {
        checkReference(index, reference, undefined, input.glossaryFile);
        if (reference.kind === "g") linkedFromGlossary.add(reference.key);
      }
    }
    for (const entry of input.glossary) {
      if (!index.glossaryUses.has(entry.key) && !linkedFromGlossary.has(entry.key)) {
        report(input.glossaryFile, "glossary-unused", `glossary entry "${entry.key}" is linked from no lesson`, entry.position);
      }
    }
  }
  if (input.homeFile) {
    for (const reference of findReferences(input.home)) checkReference(index, reference, undefined, input.homeFile);
  }
  if (input.bibliographyFile) {
    for (const entry of input.bibliography) {
      for (const reference of findReferences(entry.content)) checkReference(index, reference, undefined, input.bibliographyFile);
      if (!index.citationUses.has(entry.key)) {
        report(input.bibliographyFile, "bib-unused", `bibliography entry "${entry.key}" is cited by no lesson`, entry.position);
      }
    }
  }
  return index;
}
