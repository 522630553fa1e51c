import path from "node:path";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { report } from "./diagnostics/report.js";
import { sortMessages } from "./diagnostics/sort.js";
import { createCodeHighlighter } from "./html/highlighter.js";
import { readLesson, type DocumentOptions } from "./markdown/lesson-document.js";
import { createMarkdownProcessor } from "./markdown/processor.js";
import { detectLayout, type ProjectLayout } from "./project/layout.js";
import { orderLessons } from "./project/lesson-order.js";
import { definitionsText, readSharedLinks } from "./project/links.js";
import { readBibliography, readGlossary, readHome } from "./project/site-inputs.js";
import { readSourceFile } from "./project/source-file.js";
import type { OutputFile } from "./render/output.js";
import { sitePages } from "./render/pages.js";
import { createTemplateRenderer, templateAssets } from "./render/templates.js";
import { buildSiteIndex } from "./site/build-index.js";
import type { LessonDocument } from "./site/model.js";

/** What to build. */
export interface BuildOptions {
  /** The project folder (default: the current directory). */
  root: string;
  /** Told the name of each stage as it starts, for progress on a terminal. */
  progress?: (stage: string) => void;
}

/** A build's result: the site's files, in memory, and every diagnostic, sorted. */
export interface BuildResult {
  layout: ProjectLayout;
  files: OutputFile[];
  messages: VFileMessage[];
}

/**
 * Build a site without touching the disk's output (see `render/write.ts`).
 *
 * Stage order, and why:
 * 1. layout, then the shared links, because every document is parsed with them;
 * 2. home page first, because its `lessons:` list orders the lessons;
 * 3. glossary, bibliography and lessons through one document stage;
 * 4. the site stage sees every document before any page is rendered, so
 *    numbering and cross-lesson references are resolved in one place;
 * 5. templates render the page list; assets are copied as they are.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? (() => undefined);
  progress("reading the project");
  const layout = detectLayout(options.root);
  const linksFile = layout.links ? readSourceFile(layout.root, layout.links) : undefined;
  const highlighter = await createCodeHighlighter();
  const documentOptions: DocumentOptions = {
    processor: createMarkdownProcessor(highlighter),
    root: layout.root,
    sharedDefinitions: linksFile ? definitionsText(readSharedLinks(linksFile)) : "",
    linksFile,
  };
  try {
    return await buildWith(layout, documentOptions, progress);
  } finally {
    highlighter.dispose();
  }
}

async function buildWith(layout: ProjectLayout, documentOptions: DocumentOptions, progress: (stage: string) => void): Promise<BuildResult> {
  const files: VFile[] = [];
  const home = await readHome(layout, documentOptions);
  const glossary = await readGlossary(layout, documentOptions);
  const bibliography = await readBibliography(layout, documentOptions);
  for (const loaded of [home, glossary, bibliography]) if (loaded.file) files.push(loaded.file);
  if (documentOptions.linksFile) files.push(documentOptions.linksFile);
  const documents: LessonDocument[] = [];
  const folders = orderLessons(layout.lessons, home.value.lessons, home.file);
  for (const [at, folder] of folders.entries()) {
    progress(`lesson ${at + 1}/${folders.length}: ${folder.slug}`);
    const { file, document } = await readLesson(folder, documentOptions);
    files.push(file);
    documents.push(document);
  }
  progress("linking the site");
  const fileOf = (source: string) => files.find((file) => file.path === source) ?? new VFile({ path: source });
  const index = buildSiteIndex({
    title: home.value.title,
    subtitle: home.value.subtitle,
    home: home.value.intro,
    documents,
    glossary: glossary.value,
    bibliography: bibliography.value,
    fileOf,
    glossaryFile: glossary.file,
    bibliographyFile: bibliography.file,
  });
  progress("rendering pages");
  const renderer = createTemplateRenderer(layout.templates);
  const templateFile = new VFile({ path: path.relative(layout.root, layout.templates) || "templates" });
  files.push(templateFile);
  const output: OutputFile[] = [];
  for (const page of sitePages(index)) {
    try {
      output.push({ path: page.path, contents: renderer.render(page.template, page.context) });
    } catch (error) {
      report(templateFile, "template", `cannot render ${page.path} with "${page.template}": ${(error as Error).message}`);
    }
  }
  for (const asset of templateAssets) output.push({ path: asset, source: renderer.resolve(asset) });
  for (const document of documents) for (const asset of document.assets) output.push({ path: asset.target, source: asset.source });
  return { layout, files: output, messages: sortMessages(files.flatMap((file) => file.messages)) };
}
