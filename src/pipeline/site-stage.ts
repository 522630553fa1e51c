import { VFile } from "vfile";
import { buildSiteIndex } from "../site/build-index.js";
import type { LessonFacts, SiteIndex } from "../site/model.js";
import type { Project } from "./project-stage.js";
import type { SharedDocuments } from "./shared-stage.js";

/** The site stage's result: the index, and the root pages it publishes. */
export interface SiteStage {
  index: SiteIndex;
  /** The root pages the site publishes (one published only when linked is left out when nothing links it). */
  rootPages: SharedDocuments["pages"];
}

/**
 * The site stage: every lesson's facts and the shared documents become the
 * site index (numbering, cross-references, glossary back-links), its
 * problems reported on `files`, the files read so far.
 */
export function siteStage(
  { layout, favicon }: Project,
  { home, glossary, bibliography, pages }: SharedDocuments,
  facts: LessonFacts[],
  files: VFile[],
  markErrors: boolean,
): SiteStage {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const index = buildSiteIndex({
    title: layout.config.settings.title ?? home.value.title,
    subtitle: home.value.subtitle,
    home: home.value.intro,
    documents: facts,
    appendices: home.value.appendices,
    glossary: glossary.value,
    bibliography: bibliography.value,
    fileOf: (source) => byPath.get(source) ?? new VFile({ path: source }),
    glossaryFile: glossary.file,
    bibliographyFile: bibliography.file,
    homeFile: home.file,
    pages,
    markErrors,
    favicon: favicon && { path: favicon.path, type: favicon.type },
    older: layout.older,
    course: layout.config.settings,
  });
  // A root page published only when linked has its problems reported, and its files copied, only when it is published.
  const published = new Set(index.pages.map((page) => page.source));
  return { index, rootPages: pages.filter((page) => published.has(page.value.source)) };
}
