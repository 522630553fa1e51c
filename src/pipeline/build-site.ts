import type { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { withoutCheckOnly } from "../diagnostics/check-only.js";
import { sortMessages } from "../diagnostics/sort.js";
import type { StageTimings } from "../diagnostics/timings.js";
import type { Highlighter } from "../html/highlighter.js";
import type { DocumentOptions } from "../html/lesson-document.js";
import { noLessonsMessage } from "../project/empty-course.js";
import { orderLessons } from "../project/lesson-order.js";
import type { ProjectLayout } from "../project/layout.js";
import type { OutputFile } from "../render/output.js";
import type { SearchPage } from "../render/search-index.js";
import { limitHeapGrowth } from "./heap-growth.js";
import type { LessonReader } from "./lesson-reader.js";
import { startLessonStage } from "./lesson-stage.js";
import { noMemo, type BuildMemo } from "./memo.js";
import { renderPages, templateFileOf } from "./page-stage.js";
import { readProject, type Project } from "./project-stage.js";
import { readSharedDocuments, type SharedDocuments } from "./shared-stage.js";
import { siteStage } from "./site-stage.js";

/** What to build. */
export interface BuildOptions {
  /** The project folder (default: the current directory). */
  root: string;
  /** Told the name of each stage as it starts, for progress on a terminal. */
  progress?: (stage: string) => void;
  /**
   * Worker threads for the lessons' document stage: "auto" (the default)
   * uses one per CPU when there are enough lessons to pay for starting
   * them; 0 reads every lesson on this thread.
   */
  threads?: number | "auto";
  /** Told how long each stage takes (`lessons build --timings`). */
  timings?: StageTimings;
  /**
   * A lesson reader that outlives the build (the dev server keeps one, with
   * unified and shiki loaded), used when lessons are read on this thread.
   */
  lessonReader?: (() => Promise<LessonReader>) | undefined;
  /**
   * Return as soon as the pages are rendered, with the search index still
   * being built (in {@link BuildResult.search}), instead of waiting for it.
   */
  searchLater?: boolean | undefined;
  /**
   * Show a note on the page where each error was found (`lessons build
   * --keep-going`, which writes the site despite its errors); without it,
   * those places show nothing.
   */
  markErrors?: boolean | undefined;
  /**
   * Leave out the lints that change nothing a reader sees (rules marked
   * `checkOnly`: unused data files, glossary and bibliography entries), as
   * `lessons build` and `lessons dev` do; `lessons check` keeps them.
   */
  withoutLints?: boolean | undefined;
}

/** A build's result: the site's files, in memory, and every diagnostic, sorted. */
export interface BuildResult {
  layout: ProjectLayout;
  files: OutputFile[];
  messages: VFileMessage[];
  /** With `searchLater`, when the pages needed rendering: the search index's files and its diagnostics, once built. */
  search?: Promise<{ files: OutputFile[]; messages: VFileMessage[] }> | undefined;
}

/** `result` without the lints `options.withoutLints` leaves out. */
export function withLintChoice(result: BuildResult, options: Pick<BuildOptions, "withoutLints">): BuildResult {
  if (!options.withoutLints) return result;
  const search = result.search?.then(({ files, messages }) => ({ files, messages: withoutCheckOnly(messages) }));
  return { ...result, messages: withoutCheckOnly(result.messages), search };
}

/**
 * Build a site without touching the disk's output (see `write/write.ts`),
 * taking from `memo` what earlier builds kept. The stages, and why in this
 * order:
 * 1. project: the layout, then the shared links, because every document
 *    is parsed with them (`project` when the caller has read it already);
 * 2. lessons: every lesson starts at once (on worker threads for a large
 *    site), before the site order is known;
 * 3. shared documents: the home page, glossary, bibliography and root
 *    pages, read on this thread meanwhile; the home page's `lessons:` list
 *    orders the lessons;
 * 4. site index: sees every lesson's facts before any page is rendered, so
 *    numbering and cross-lesson references are resolved in one place;
 * 5. pages: templates render the page list, each lesson's pages with its
 *    body; files are copied as they are;
 * 6. search: pages go to the indexer as they are rendered, so it ends last.
 */
export async function buildSite(options: BuildOptions, memo: BuildMemo = noMemo, project?: Project): Promise<BuildResult> {
  const progress = options.progress ?? (() => undefined);
  const { timings } = options;
  progress("reading the project");
  const read = project ?? (await readProject(options.root, { timings }));
  const { layout, linksFile, sharedDefinitions } = read;
  if (layout.lessons.length === 0) return { layout, files: [], messages: [noLessonsMessage(layout)] };
  // Before the lesson stage, so its worker threads start with the limit too.
  const releaseHeapGrowth = limitHeapGrowth();
  const lessons = startLessonStage(layout.lessons, {
    root: layout.root,
    sharedDefinitions,
    threads: options.threads ?? "auto",
    memo: memo.lessons,
    timings,
    progress,
    reader: options.lessonReader,
  });
  // One highlighter on this thread, for the shared documents and the files' view pages, made when first needed.
  let highlighting: Promise<Highlighter> | undefined;
  const highlighter = () =>
    (highlighting ??= import("../html/highlighter.js").then(({ createCodeHighlighter }) => createCodeHighlighter()));
  try {
    const started = performance.now();
    const shared = memo.shared.read() ?? (await readShared(read, highlighter, memo));
    timings?.add("home, glossary, bibliography", performance.now() - started);
    const files: VFile[] = [];
    for (const loaded of [shared.home, shared.glossary, shared.bibliography]) if (loaded.file) files.push(loaded.file);
    if (linksFile) files.push(linksFile);
    if (layout.older?.file) files.push(layout.older.file);
    // In the older layout, the configuration may be pyproject.toml's [tool.lessons], the same file as the older tool's.
    if (layout.config.file && layout.config.file !== layout.older?.file) files.push(layout.config.file);
    const folders = orderLessons(layout.lessons, shared.home.value, shared.home.file);
    const collected = await lessons.collect(folders);
    files.push(...collected.files, ...collected.unlisted);
    progress("linking the site");
    const site = timings
      ? timings.time("site stage", () => siteStage(read, shared, collected.facts, files, options.markErrors ?? false))
      : siteStage(read, shared, collected.facts, files, options.markErrors ?? false);
    files.push(...site.rootPages.map((page) => page.file));
    progress("rendering pages");
    const templateFile = templateFileOf(read);
    files.push(templateFile);
    const { startSearchIndex } = await import("../render/search-index.js");
    const search = startSearchIndex(templateFile, memo.search);
    const searchLater = options.searchLater ?? false;
    const forSearch: SearchPage[] = [];
    const rendered = await renderPages({
      project: read,
      shared,
      site,
      lessons: collected,
      memo,
      templateFile,
      offer: (page) => (searchLater ? forSearch.push(page) : search.add(page)),
      yieldEach: !searchLater,
      highlighter,
      threads: options.threads ?? "auto",
      timings,
    });
    files.push(...rendered.reported);
    const pageMessages = sortMessages(files.flatMap((file) => file.messages));
    const before = new Set(templateFile.messages);
    // With `searchLater`, the pages go to the indexer only once the caller has them (a macrotask later).
    const indexed = searchLater ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
    const searchFiles = indexed
      .then(() => {
        for (const page of forSearch) search.add(page);
        return search.finish();
      })
      .then((searchFiles) => ({
        files: searchFiles,
        messages: sortMessages(templateFile.messages.filter((message) => !before.has(message))),
      }));
    if (searchLater) return withLintChoice({ layout, files: rendered.files, messages: pageMessages, search: searchFiles }, options);
    progress("indexing for search");
    const indexing = performance.now();
    const built = await searchFiles;
    timings?.add("search index (after the last page)", performance.now() - indexing);
    const result = { layout, files: [...rendered.files, ...built.files], messages: sortMessages([...pageMessages, ...built.messages]) };
    return withLintChoice(result, options);
  } finally {
    (await highlighting?.catch(() => undefined))?.dispose();
    releaseHeapGrowth();
    await lessons.close();
  }
}

/** Read the shared documents on this thread (unified and shiki imported on demand) and give them to the memo. */
async function readShared(project: Project, highlighter: () => Promise<Highlighter>, memo: BuildMemo): Promise<SharedDocuments> {
  const [{ createMarkdownProcessor }, { createSectionedParser }] = await Promise.all([
    import("../html/processor.js"),
    import("../markdown/sectioned-parse.js"),
  ]);
  const processor = createMarkdownProcessor(await highlighter());
  const options: DocumentOptions = {
    processor,
    parse: createSectionedParser((text) => processor.parse(text)),
    root: project.layout.root,
    sharedDefinitions: project.sharedDefinitions,
    linksFile: project.linksFile,
  };
  const shared = await readSharedDocuments(project.layout, options);
  memo.shared.keep(shared);
  return shared;
}
