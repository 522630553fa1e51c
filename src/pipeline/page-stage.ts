import path from "node:path";
import { VFile } from "vfile";
import type { StageTimings } from "../diagnostics/timings.js";
import type { Highlighter } from "../html/highlighter.js";
import type { LessonHtml } from "../html/sections.js";
import { viewPageOf } from "../project/file-views.js";
import { isAuthoredHtml } from "../project/published-files.js";
import { pagePaths } from "../project/urls.js";
import type { OutputFile } from "../render/output.js";
import type { PageSpec } from "../render/pages.js";
import type { SearchPage } from "../render/search-index.js";
import type { LessonFacts } from "../site/model.js";
import { fileHighlighter } from "./file-highlighter.js";
import type { BuildMemo, KeptPage } from "./memo.js";
import type { Project } from "./project-stage.js";
import type { SharedDocuments } from "./shared-stage.js";
import type { SiteStage } from "./site-stage.js";

/** What the page stage renders from, and where its pages and problems go. */
export interface PageStageInput {
  project: Project;
  shared: SharedDocuments;
  site: SiteStage;
  lessons: { facts: LessonFacts[]; bodyOf: (slug: string) => Promise<LessonHtml> };
  memo: BuildMemo;
  /** The templates' file, which template problems are reported on. */
  templateFile: VFile;
  /** Hand a rendered page to the search index. */
  offer: (page: SearchPage) => void;
  /** Let the event loop run between pages (so the indexer gets each page as it comes). */
  yieldEach: boolean;
  /** This thread's highlighter, for the files' view pages when they are few. */
  highlighter: () => Promise<Highlighter>;
  /** Worker threads, also for highlighting the files' view pages (see `BuildOptions.threads`). */
  threads: number | "auto";
  timings: StageTimings | undefined;
}

/** Whether the search index takes a page's body (see `render/search-index.ts`). */
export function isSearchable(contents: string): boolean {
  return contents.includes("data-pagefind-body");
}

/** How many pages ahead a page that needs work first (highlighting a file) starts it. */
const preparedAhead = 16;

/**
 * The page stage: render every page of the site (or take it from the memo),
 * then list the files copied as they are: template assets, reveal.js, the
 * files documents link and, in the older layout, every published file; the
 * author's HTML files among those have their links checked against the
 * finished list. Returns the output and the files holding its problems.
 */
export async function renderPages(input: PageStageInput): Promise<{ files: OutputFile[]; reported: VFile[] }> {
  const { project, shared, site, lessons, memo, templateFile, offer, timings } = input;
  const { layout, published } = project;
  const { index, rootPages } = site;
  // Imported on demand, like unified and shiki: a build replayed from the cache renders nothing.
  const [
    { sitePages },
    { createTemplateRenderer, templateAssets },
    { reportTemplateError },
    { revealAssets },
    { fileViewPages, viewedFiles },
    { sitemapFile },
  ] = await Promise.all([
    import("../render/pages.js"),
    import("../render/templates.js"),
    import("../render/template-error.js"),
    import("../render/reveal-assets.js"),
    import("../render/file-views.js"),
    import("../render/sitemap.js"),
  ]);
  const renderer = createTemplateRenderer(layout.templates);
  const output: OutputFile[] = [];
  const reported: VFile[] = [];
  let reused = 0;
  const rendering = performance.now();
  // A page kept by the memo is written as a copy of its file; one rendered now goes to the indexer as the text in
  // hand, one taken from the memo is read when its search part must be built again: the indexer reports a part it
  // cannot build when that text is gone meanwhile (pruned by a concurrent build).
  const keep = (path: string, kept: KeptPage, text: () => string) => {
    output.push({ path, source: kept.file });
    offer({ path, searchable: kept.searchable, hash: kept.hash, text });
  };
  const keptText = (path: string, kept: KeptPage) => () => {
    const text = memo.pages.text(kept);
    if (text === undefined) throw new Error(`the cached page ${path} is gone; build again (or with --no-cache)`);
    return text;
  };
  // The files each document publishes, copied as they are, with the page it is, which a file's view page links back
  // to. Shared documents have files only when they were read: those from the memo have none.
  const linked = [
    ...lessons.facts.map((facts) => ({
      page: index.lessonsBySlug.get(facts.slug)?.page ?? pagePaths.lesson(facts.slug),
      assets: facts.assets,
    })),
    { page: pagePaths.home, assets: shared.home.file?.data.assets ?? [] },
    { page: pagePaths.glossary, assets: shared.glossary.file?.data.assets ?? [] },
    { page: pagePaths.bibliography, assets: shared.bibliography.file?.data.assets ?? [] },
    ...rootPages.map(({ file, value }) => ({
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
  // The body of the lesson whose pages are being rendered, fetched before its first page and let go of after its
  // last (a lesson's pages come one after the other), so that no more than one body is held at a time.
  let current: { slug: string; body: LessonHtml } | undefined;
  const generated = sitePages(index, (slug) => {
    if (current?.slug !== slug) throw new Error(`internal: the body of lesson "${slug}" was not fetched`);
    return current.body;
  });
  const reveal = revealAssets();
  // A view page never takes the address of another file of the site.
  const taken = new Set(
    [...generated, ...copied, ...reveal, ...published.map(({ target }) => ({ path: target }))]
      .map((file) => file.path)
      .concat(templateAssets),
  );
  // Told how many files it has to highlight when it gets the first: by then every page is planned.
  const fileCode = fileHighlighter(() => toPrepare.length, input.threads, input.highlighter);
  const views = viewedFiles([...linked, courseFiles], taken);
  const pages = [...generated, ...fileViewPages(index, views, (block) => fileCode.highlight(block), layout.root)];
  const planned: { page: PageSpec; kept: KeptPage | undefined; prepared?: Promise<object> }[] = pages.map((page) => ({
    page,
    kept: memo.pages.read(page),
  }));
  // Pages that need work first start it a few pages ahead of their turn, so that worker threads highlight while this
  // thread renders, and no more than those few results wait in memory.
  const toPrepare = planned.filter((entry) => entry.kept === undefined && "prepare" in entry.page);
  let preparing = 0;
  const prepareNext = () => {
    const entry = toPrepare[preparing];
    preparing += 1;
    if (!entry || !("prepare" in entry.page)) return;
    entry.prepared = entry.page.prepare();
    // Awaited in its turn; until then a failure must not count as unhandled.
    entry.prepared.catch(() => undefined);
  };
  for (let ahead = 0; ahead < preparedAhead; ahead += 1) prepareNext();
  try {
    for (const entry of planned) {
      const { page, kept, prepared } = entry;
      if (kept !== undefined) {
        keep(page.path, kept, keptText(page.path, kept));
        reused += 1;
        continue;
      }
      // Its values are let go of once the page is rendered.
      entry.prepared = undefined;
      if (page.lesson === undefined) current = undefined;
      else if (current?.slug !== page.lesson) current = { slug: page.lesson, body: await lessons.bodyOf(page.lesson) };
      const context = "prepare" in page ? await (prepared ?? page.prepare()) : page.context;
      if (prepared) prepareNext();
      try {
        const contents = renderer.render(page.template, context);
        const stored = memo.pages.keep(page, contents);
        if (stored) keep(page.path, stored, () => contents);
        else {
          output.push({ path: page.path, contents });
          offer({ path: page.path, searchable: isSearchable(contents), text: () => contents });
        }
      } catch (error) {
        reportTemplateError(reported, layout.root, templateFile, `cannot render ${page.path} with "${page.template}"`, error);
      }
      if (input.yieldEach) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await fileCode.close();
  }
  timings?.add(`render: pages (${reused} of ${pages.length} from the cache)`, performance.now() - rendering);
  for (const asset of templateAssets) output.push({ path: asset, source: renderer.resolve(asset) });
  output.push(...reveal);
  const { settings } = layout.config;
  // A sitemap lists full addresses, so only a site that says where it is published has one.
  if (settings.url) output.push(sitemapFile(settings.url, pages));
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
  const { favicon } = project;
  if (favicon) copy({ target: favicon.path, source: favicon.source });
  for (const file of [settings.logo, ...settings.css]) if (file) copy({ target: file.path, source: file.source });
  const authoredHtml = published.filter((file) => isAuthoredHtml(file.target));
  if (authoredHtml.length > 0) {
    const { checkHtmlFileLinks } = await import("../render/html-file-links.js");
    const check = () => checkHtmlFileLinks(layout.root, authoredHtml, sitePaths, memo.htmlUrls);
    reported.push(...(timings ? timings.time("render: links in published HTML files", check) : check()));
  }
  return { files: output, reported };
}

/** The template folder as a file, for template problems. */
export function templateFileOf(project: Project): VFile {
  return new VFile({ path: path.relative(project.layout.root, project.layout.templates) || "templates" });
}
