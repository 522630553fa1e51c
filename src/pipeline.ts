import path from "node:path";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { BuildCache } from "./build/cache.js";
import type { LessonReader } from "./build/lesson-reader.js";
import { limitHeapGrowth } from "./build/heap-growth.js";
import { latestKey, lessonInputs, startLessonStage, type LessonStage } from "./build/lesson-stage.js";
import { isSearchable, openPageCache, siteFactsKey, type StoredPage } from "./build/page-cache.js";
import { searchPartStore } from "./build/search-part-store.js";
import { htmlUrlStore } from "./build/html-url-store.js";
import { fileHighlighter } from "./build/file-highlighter.js";
import { hashParts } from "./project/hash.js";
import { publishedKey, replaySite, siteKey, storeSite, templatesKey } from "./build/site-cache.js";
import { cachedSharedDocuments, readSharedDocuments, sharedKey, type SharedDocuments } from "./build/shared-stage.js";
import type { StageTimings } from "./diagnostics/timings.js";
import { sortMessages } from "./diagnostics/sort.js";
import { withoutCheckOnly } from "./diagnostics/check-only.js";
import type { Highlighter } from "./html/highlighter.js";
import type { DocumentOptions } from "./html/lesson-document.js";
import { noLessonsMessage } from "./project/empty-course.js";
import { builtinTemplates, detectLayout, type LessonFolder, type ProjectLayout } from "./project/layout.js";
import { findFavicon } from "./project/favicon.js";
import { orderLessons } from "./project/lesson-order.js";
import { isAuthoredHtml, publishedFiles, type PublishedFile } from "./project/published-files.js";
import { viewPageOf } from "./project/file-views.js";
import { pagePaths } from "./project/urls.js";
import { definitionsText, readSharedLinks } from "./project/links.js";
import { readSourceFile } from "./project/source-file.js";
import type { OutputFile } from "./render/output.js";
import type { SearchPage } from "./render/search-index.js";
import type { PageSpec } from "./render/pages.js";
import { buildSiteIndex } from "./site/build-index.js";
import type { SiteIndex } from "./site/model.js";

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
   * The persistent cache (see `build/cache.ts`; the CLI opens the folder
   * `defaultCacheDir` gives): lessons whose inputs are unchanged are not
   * read again, and a build whose inputs are all unchanged is replayed
   * without loading unified or shiki. The output is the same bytes either
   * way. Without it, nothing is read from or written to disk but the project.
   */
  cache?: BuildCache | undefined;
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

/**
 * Build a site without touching the disk's output (see `render/write.ts`).
 *
 * Stage order, and why:
 * 1. layout, then the shared links, because every document is parsed with them;
 * 2. home page first, because its `lessons:` list orders the lessons;
 * 3. glossary, bibliography and lessons through one document stage; lessons
 *    start at once (on worker threads for a large site) while this thread
 *    reads the home page, glossary and bibliography;
 * 4. the site stage sees every document before any page is rendered, so
 *    numbering and cross-lesson references are resolved in one place;
 * 5. templates render the page list; assets, and in the older layout every
 *    file the course publishes, are copied as they are; the author's HTML
 *    files among them have their links checked against the finished list;
 * 6. the search index is built from the rendered pages, so it comes after them.
 *
 * With a cache, every input is hashed first; when the site's key is one
 * the cache holds, the stored result is returned without running 2–6.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const result = await buildAll(options);
  if (!options.withoutLints) return result;
  const search = result.search?.then(({ files, messages }) => ({ files, messages: withoutCheckOnly(messages) }));
  return { ...result, messages: withoutCheckOnly(result.messages), search };
}

/** {@link buildSite} with every diagnostic. */
async function buildAll(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? (() => undefined);
  const timings = options.timings;
  const time = <T>(stage: string, work: () => T): T => (timings ? timings.time(stage, work) : work());
  progress("reading the project");
  const { cache } = options;
  const layout = detectLayout(options.root);
  if (layout.lessons.length === 0) return { layout, files: [], messages: [noLessonsMessage(layout)] };
  const linksFile = layout.links ? readSourceFile(layout.root, layout.links) : undefined;
  const sharedDefinitions = linksFile ? definitionsText(await readSharedLinks(linksFile)) : "";
  // Listed once, before the cache is asked, because which files there are is part of the site's key.
  const published =
    layout.kind === "legacy"
      ? time("published files", () => publishedFiles(layout, { skips: layout.older?.skips ?? [], exclude: cache ? [cache.dir] : [] }))
      : [];
  const inputs = time("cache: hash inputs", () => lessonInputs(layout.lessons, { root: layout.root, sharedDefinitions, cache }));
  const keys =
    cache &&
    time("cache: hash inputs", () => ({
      shared: sharedKey(cache, layout, sharedDefinitions),
      // Pages with error notes differ from pages without, so the cached pages and sites of the two are kept apart.
      templates: hashParts([templatesKey(cache, [layout.templates, builtinTemplates]), options.markErrors ? "marked" : ""]),
      published: publishedKey(cache, published),
    }));
  const shared =
    cache && keys ? time("cache: read shared documents", () => cachedSharedDocuments(cache, keys.shared, layout.root)) : undefined;
  const siteKeyOf = (lessonKeys: (string | undefined)[]) =>
    cache && keys ? siteKey(cache, layout, { ...keys, lessons: lessonKeys }) : undefined;
  const replayKey = shared ? siteKeyOf(inputs.map((input) => input.cached)) : undefined;
  const replayed = cache && replayKey ? time("cache: replay site", () => replaySite(cache, replayKey, layout.root)) : undefined;
  if (cache && replayed) {
    cache.saveFileHashes();
    return { layout, files: replayed.files, messages: sortMessages(replayed.messages) };
  }
  // Before the lesson stage, so its worker threads start with the limit too.
  const releaseHeapGrowth = limitHeapGrowth();
  const lessons = startLessonStage(inputs, {
    root: layout.root,
    sharedDefinitions,
    threads: options.threads ?? "auto",
    cache,
    timings,
    progress,
    reader: options.lessonReader,
  });
  // One highlighter on this thread, for the shared documents and the files' view pages, made when first needed.
  let highlighting: Promise<Highlighter> | undefined;
  const highlighter = () => (highlighting ??= import("./html/highlighter.js").then(({ createCodeHighlighter }) => createCodeHighlighter()));
  try {
    // Imported on demand, so a build that needs neither unified nor shiki on this thread never loads them.
    const documentOptions = async (): Promise<DocumentOptions> => {
      const [{ createMarkdownProcessor }, { createSectionedParser }] = await Promise.all([
        import("./html/processor.js"),
        import("./markdown/sectioned-parse.js"),
      ]);
      const processor = createMarkdownProcessor(await highlighter());
      return { processor, parse: createSectionedParser((text) => processor.parse(text)), root: layout.root, sharedDefinitions, linksFile };
    };
    const started = performance.now();
    let sharedStored = shared !== undefined;
    let documents = shared;
    if (!documents) {
      const read = await readSharedDocuments(layout, await documentOptions(), cache && keys ? { cache, key: keys.shared } : undefined);
      documents = read.shared;
      sharedStored = read.stored;
    }
    timings?.add("home, glossary, bibliography", performance.now() - started);
    const result = await buildWith(layout, documents, linksFile, lessons, published, {
      progress,
      timings,
      cache,
      keys,
      searchLater: options.searchLater ?? false,
      markErrors: options.markErrors ?? false,
      highlighter,
      threads: options.threads ?? "auto",
    });
    const search = result.search.then(({ files, messages }) => ({ files, messages: sortMessages(messages) }));
    const store = async () => {
      const key = cache && keys && sharedStored ? siteKeyOf(layout.lessons.map((folder) => result.lessonKeys.get(folder.file))) : undefined;
      if (!cache || !keys || !key) return;
      const { files, messages } = await search;
      time("cache: store site", () =>
        storeSite(
          cache,
          key,
          { files: [...result.files, ...files], messages: [...result.messages, ...messages] },
          {
            lessons: new Set(inputs.flatMap((input) => (input.key ? [input.key] : []))),
            latest: new Set(layout.lessons.map((folder) => latestKey(cache, folder))),
            documents: new Set([...result.lessonKeys.values()].filter((key) => key !== undefined)),
            shared: new Set([keys.shared]),
            pages: result.pageKeys,
            search: result.searchKeys,
            htmlUrls: result.htmlUrlKeys,
          },
          result.pageBlobs,
        ),
      );
      cache.saveFileHashes();
    };
    if (options.searchLater) {
      return { layout, files: result.files, messages: result.messages, search: store().then(() => search) };
    }
    progress("indexing for search");
    const indexing = performance.now();
    const indexed = await search;
    timings?.add("search index (after the last page)", performance.now() - indexing);
    await store();
    return { layout, files: [...result.files, ...indexed.files], messages: sortMessages([...result.messages, ...indexed.messages]) };
  } finally {
    (await highlighting?.catch(() => undefined))?.dispose();
    releaseHeapGrowth();
    await lessons.close();
  }
}

/** Put a lesson's whole body in place of its outline before one of its pages is rendered. */
function wholeLesson(index: SiteIndex, slug: string, lessons: LessonStage, folders: Map<string, LessonFolder>): void {
  const lesson = index.lessonsBySlug.get(slug);
  const folder = folders.get(slug);
  const whole = folder && lessons.whole(folder);
  if (!lesson || !whole) throw new Error(`the cached document of lesson "${slug}" is gone; build again (or with --no-cache)`);
  lesson.body = whole.body;
}

async function buildWith(
  layout: ProjectLayout,
  { home, glossary, bibliography, pages: rootPages }: SharedDocuments,
  linksFile: VFile | undefined,
  lessons: LessonStage,
  published: readonly PublishedFile[],
  {
    progress,
    timings,
    cache,
    keys,
    searchLater,
    markErrors,
    highlighter,
    threads,
  }: {
    progress: (stage: string) => void;
    timings: StageTimings | undefined;
    cache: BuildCache | undefined;
    /** The cache keys of the templates and of the shared documents (home page, glossary, bibliography). */
    keys: { templates: string; shared: string } | undefined;
    /** Hand the pages to the search index after the last one is rendered, so the indexer's work does not delay them. */
    searchLater: boolean;
    /** See {@link BuildOptions.markErrors}. */
    markErrors: boolean;
    /** The highlighter of this thread, for the files' view pages when they are few. */
    highlighter: () => Promise<Highlighter>;
    /** See {@link BuildOptions.threads}; also for highlighting the files' view pages. */
    threads: number | "auto";
  },
): Promise<{
  files: OutputFile[];
  messages: VFileMessage[];
  search: Promise<{ files: OutputFile[]; messages: VFileMessage[] }>;
  lessonKeys: Map<string, string | undefined>;
  pageKeys: Set<string>;
  pageBlobs: Map<string, string>;
  searchKeys: Set<string>;
  htmlUrlKeys: Set<string>;
}> {
  const time = <T>(stage: string, work: () => T): T => (timings ? timings.time(stage, work) : work());
  const files: VFile[] = [];
  for (const loaded of [home, glossary, bibliography]) if (loaded.file) files.push(loaded.file);
  if (linksFile) files.push(linksFile);
  if (layout.older?.file) files.push(layout.older.file);
  // In the older layout, the configuration may be pyproject.toml's [tool.lessons], the same file as the older tool's.
  if (layout.config.file && layout.config.file !== layout.older?.file) files.push(layout.config.file);
  const folders = orderLessons(layout.lessons, home.value, home.file);
  const { files: lessonFiles, unlisted, documents, outlines } = await lessons.collect(folders);
  files.push(...lessonFiles, ...unlisted);
  progress("linking the site");
  const byPath = new Map(files.map((file) => [file.path, file]));
  const favicon = findFavicon(layout);
  const fileOf = (source: string) => byPath.get(source) ?? new VFile({ path: source });
  const index = time("site stage", () =>
    buildSiteIndex({
      title: layout.config.settings.title ?? home.value.title,
      subtitle: home.value.subtitle,
      home: home.value.intro,
      documents,
      appendices: home.value.appendices,
      glossary: glossary.value,
      bibliography: bibliography.value,
      fileOf,
      glossaryFile: glossary.file,
      bibliographyFile: bibliography.file,
      homeFile: home.file,
      pages: rootPages,
      markErrors,
      favicon: favicon && { path: favicon.path, type: favicon.type },
      older: layout.older,
      course: layout.config.settings,
    }),
  );
  // A root page published only when linked has its problems reported, and its files copied, only when it is published.
  const publishedSources = new Set(index.pages.map((page) => page.source));
  const publishedRootPages = rootPages.filter((page) => publishedSources.has(page.value.source));
  files.push(...publishedRootPages.map((page) => page.file));
  progress("rendering pages");
  // Imported on demand, like unified and shiki: a build replayed from the cache renders nothing.
  const [
    { sitePages },
    { createTemplateRenderer, templateAssets },
    { reportTemplateError },
    { startSearchIndex },
    { revealAssets },
    { fileViewPages, viewedFiles },
    { sitemapFile },
  ] = await Promise.all([
    import("./render/pages.js"),
    import("./render/templates.js"),
    import("./render/template-error.js"),
    import("./render/search-index.js"),
    import("./render/reveal-assets.js"),
    import("./render/file-views.js"),
    import("./render/sitemap.js"),
  ]);
  const renderer = createTemplateRenderer(layout.templates);
  const templateFile = new VFile({ path: path.relative(layout.root, layout.templates) || "templates" });
  files.push(templateFile);
  const output: OutputFile[] = [];
  const lessonKeys = await lessons.keys();
  const pageCache =
    cache && keys
      ? openPageCache(
          cache,
          { templates: keys.templates, facts: time("render: site facts", () => siteFactsKey(index, keys.shared)) },
          new Map(folders.map((folder) => [folder.slug, lessonKeys.get(folder.file)])),
        )
      : undefined;
  const pageBlobs = new Map<string, string>();
  let reused = 0;
  const folderBySlug = new Map(folders.map((folder) => [folder.slug, folder]));
  const rendering = performance.now();
  // Search comes after rendering: pagefind indexes the finished HTML of every page (what `data-pagefind-body` marks in
  // the templates). It runs in its own process, so each page goes to it as soon as it is rendered.
  const search = startSearchIndex(templateFile, cache && searchPartStore(cache));
  const forSearch: SearchPage[] = [];
  const offer = (page: SearchPage) => (searchLater ? forSearch.push(page) : search.add(page));
  // With a cache, every page is written as a copy of its blob, stamped with the blob's time, so the next build's
  // writer sees an unchanged page by its size and time alone, whether that build renders it or takes it from the cache.
  // A page rendered now goes to the indexer as the text in hand; one taken from the cache is read from its blob, which
  // a concurrent build may have pruned meanwhile: the indexer then reports the part it cannot build.
  const keep = (path: string, stored: StoredPage, text: () => string) => {
    output.push({ path, source: stored.file });
    offer({ path, searchable: stored.searchable, hash: stored.blob, text });
    pageBlobs.set(path, stored.blob);
  };
  const cachedText = (path: string, stored: StoredPage) => () => {
    const text = cache?.blobText(stored.blob);
    if (text === undefined) throw new Error(`the cached page ${path} is gone; build again (or with --no-cache)`);
    return text;
  };
  // The files each document publishes, copied as they are, with the page it is, which a file's view page links back
  // to. Shared documents have files only when they were read: cached ones have none.
  const linked = [
    ...documents.map((document) => ({
      page: index.lessonsBySlug.get(document.slug)?.page ?? pagePaths.lesson(document.slug),
      assets: document.assets,
    })),
    { page: pagePaths.home, assets: home.file?.data.assets ?? [] },
    { page: pagePaths.glossary, assets: glossary.file?.data.assets ?? [] },
    { page: pagePaths.bibliography, assets: bibliography.file?.data.assets ?? [] },
    ...publishedRootPages.map(({ file, value }) => ({
      page: index.pagesBySource.get(value.source) ?? pagePaths.root(value.source),
      assets: file.data.assets ?? [],
    })),
  ];
  const copied = linked.flatMap(({ assets }) => assets.map((asset) => ({ path: asset.target, source: asset.source })));
  // Every file an older course publishes has a view page too, whether or not a page uses it.
  const courseFiles = {
    page: undefined,
    assets: published.map(({ target, source }) => ({ target, source, viewPage: viewPageOf(source, target) })),
  };
  const generated = sitePages(index);
  const reveal = revealAssets();
  // A view page never takes the address of another file of the site.
  const taken = new Set(
    [...generated, ...copied, ...reveal, ...published.map(({ target }) => ({ path: target }))]
      .map((file) => file.path)
      .concat(templateAssets),
  );
  // Told how many files it has to highlight when it gets the first: by then every page is planned.
  const fileCode = fileHighlighter(() => toPrepare.length, threads, highlighter);
  const pages = [
    ...generated,
    ...fileViewPages(index, viewedFiles([...linked, courseFiles], taken), (block) => fileCode.highlight(block), layout.root),
  ];
  const planned: { page: PageSpec; key: string | undefined; cached: StoredPage | undefined; prepared?: Promise<object> }[] = pages.map(
    (page) => {
      const key = pageCache?.key(page);
      return { page, key, cached: key === undefined ? undefined : pageCache?.read(key) };
    },
  );
  // Pages that need work first (highlighting a file) start it a few pages ahead of their turn, so that worker threads
  // highlight while this thread renders, and no more than those few results wait in memory.
  const toPrepare = planned.filter((entry) => entry.cached === undefined && "prepare" in entry.page);
  let preparing = 0;
  const prepareNext = () => {
    const entry = toPrepare[preparing];
    preparing += 1;
    if (!entry || !("prepare" in entry.page)) return;
    entry.prepared = entry.page.prepare();
    // Awaited in its turn; until then a failure must not count as unhandled.
    entry.prepared.catch(() => undefined);
  };
  for (let ahead = 0; ahead < 16; ahead += 1) prepareNext();
  try {
    for (const entry of planned) {
      const { page, key, cached, prepared } = entry;
      if (cached !== undefined) {
        keep(page.path, cached, cachedText(page.path, cached));
        reused += 1;
        continue;
      }
      if (page.lesson !== undefined && outlines.has(page.lesson)) wholeLesson(index, page.lesson, lessons, folderBySlug);
      // Its values are let go of once the page is rendered.
      entry.prepared = undefined;
      const context = "prepare" in page ? await (prepared ?? page.prepare()) : page.context;
      if (prepared) prepareNext();
      try {
        const contents = renderer.render(page.template, context);
        const stored = key === undefined ? undefined : pageCache?.write(key, contents);
        if (stored) keep(page.path, stored, () => contents);
        else {
          output.push({ path: page.path, contents });
          offer({ path: page.path, searchable: isSearchable(contents), text: () => contents });
        }
      } catch (error) {
        reportTemplateError(files, layout.root, templateFile, `cannot render ${page.path} with "${page.template}"`, error);
      }
      // Let the event loop hand the indexer its next page.
      if (!searchLater) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await fileCode.close();
  }
  timings?.add(`render: pages (${reused} of ${pages.length} from the cache)`, performance.now() - rendering);
  const reported = new Set(templateFile.messages);
  // With `searchLater`, the pages go to the indexer only once the caller has them (a macrotask later).
  const indexed = searchLater ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
  const searchFiles = indexed
    .then(() => {
      for (const page of forSearch) search.add(page);
      return search.finish();
    })
    .then((files) => ({ files, messages: templateFile.messages.filter((message) => !reported.has(message)) }));
  for (const asset of templateAssets) output.push({ path: asset, source: renderer.resolve(asset) });
  output.push(...reveal);
  // A sitemap lists full addresses, so only a site that says where it is published has one.
  if (layout.config.settings.url) output.push(sitemapFile(layout.config.settings.url, pages));
  const sitePaths = new Set(output.map((file) => file.path));
  /** Copy a project file into the site once, however many documents link it; a page or built asset at its path wins. */
  const copy = ({ target, source }: { target: string; source: string }) => {
    if (sitePaths.has(target)) return;
    output.push({ path: target, source });
    sitePaths.add(target);
  };
  for (const { assets } of linked) for (const asset of assets) copy(asset);
  // After the files documents link, which are the same files at the same paths.
  for (const file of published) copy(file);
  // Every page links the course's icon, whether or not a page links the file too.
  if (favicon) copy({ target: favicon.path, source: favicon.source });
  for (const file of [layout.config.settings.logo, ...layout.config.settings.css])
    if (file) copy({ target: file.path, source: file.source });
  const authoredHtml = published.filter((file) => isAuthoredHtml(file.target));
  const urlStore = cache && htmlUrlStore(cache);
  if (authoredHtml.length > 0) {
    const { checkHtmlFileLinks } = await import("./render/html-file-links.js");
    files.push(...time("render: links in published HTML files", () => checkHtmlFileLinks(layout.root, authoredHtml, sitePaths, urlStore)));
  }
  return {
    files: output,
    messages: sortMessages(files.flatMap((file) => file.messages)),
    search: searchFiles,
    lessonKeys,
    pageKeys: pageCache?.used ?? new Set(),
    pageBlobs,
    searchKeys: search.keys,
    htmlUrlKeys: urlStore?.used ?? new Set(),
  };
}
