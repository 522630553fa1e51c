import path from "node:path";
import type { Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import type { VFile } from "vfile";
import type { StageTimings } from "../diagnostics/timings.js";
import { report } from "../diagnostics/report.js";
import { insertErrorMarkers } from "./error-markers.js";
import { serialiseBody, splitSections, type LessonHtml } from "./sections.js";
import { compactTranscripts, isLongTranscript } from "./slide-transcripts.js";
import { lessonFrontMatter, splitFrontMatter } from "../project/front-matter.js";
import type { LessonFolder } from "../project/layout.js";
import { readSourceFile } from "../project/source-file.js";
import { dependsOnPage } from "../markdown/placeholders.js";
import { reportUnusedDataFiles } from "../markdown/data-file-unused.js";
import type { ParseDocument } from "../markdown/document-parts.js";
import { closingParse } from "../markdown/closing-parse.js";
import { limitMarkdownInput } from "../markdown/input-limits.js";
import { markdownToHast, type MarkdownProcessor } from "./processor.js";
import type { Asset, LessonContext } from "../markdown/lesson-context.js";

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

/** What the document stage needs besides the lesson itself. */
export interface DocumentOptions {
  processor: MarkdownProcessor;
  root: string;
  /** Shared link definitions appended to every document (see `project/links.ts`). */
  sharedDefinitions: string;
  /** The shared links file, whose problems are reported with the rest. */
  linksFile?: VFile | undefined;
  /** Told how long parsing and transforms take (`lessons build --timings`). */
  timings?: StageTimings | undefined;
  /** Parses the text (a lesson's, by sections; again after an edit, only the part it touched); without it, the processor parses it whole. */
  parse?: ParseDocument | undefined;
}

/**
 * The document stage for any Markdown file of the project (lessons, home
 * page, glossary, bibliography): `body` is the file's text with front
 * matter blanked; the shared link definitions are appended after it so
 * reference links resolve against them without moving any position. Input
 * that would take the parser out of bounded time is blanked first and
 * reported (see `input-limits.ts`). Blocks the author left open are read
 * as closed where the author meant, and one left open at the end of the
 * text does not take the shared definitions in (see `closing-parse.ts`).
 */
export async function documentTree(file: VFile, body: string, options: DocumentOptions): Promise<HastRoot> {
  const limited = limitMarkdownInput(body, file);
  file.data.authoredLength = limited.length;
  const definitions = options.sharedDefinitions;
  const parse = closingParse(options.parse ?? ((text: string) => options.processor.parse(text)), limited.length);
  const text = definitions ? `${limited}\n\n${definitions}\n` : limited;
  return markdownToHast(options.processor, file, text, { ...options, parse });
}

/** Read a project file for the document stage, with the folder context its plugins need. */
export function readProjectFile(absolute: string, context: Omit<LessonContext, "root">, options: DocumentOptions): VFile {
  const file = readSourceFile(options.root, absolute);
  file.data.lesson = { ...context, root: options.root };
  return file;
}

/** Read one lesson folder into a {@link LessonDocument}; problems are messages on the returned file. */
export async function readLesson(folder: LessonFolder, options: DocumentOptions): Promise<{ file: VFile; document: LessonDocument }> {
  const file = readProjectFile(
    folder.file,
    { slug: folder.slug, dir: folder.dir, dataDir: folder.dataDir, contentDir: path.dirname(folder.dir) },
    options,
  );
  const { data, body } = splitFrontMatter(file, lessonFrontMatter);
  const tree = await documentTree(file, body, options);
  reportUnusedDataFiles(file);
  insertErrorMarkers(tree, file);
  const parts = splitSections(tree, file);
  const title = data.title ?? parts.heading;
  if (title === undefined)
    report(file, "lesson-title", "lesson has no title: add a `# Title` heading or `title:` front matter", { line: 1, column: 1 });
  const firstParagraph = parts.intro.find((node) => node.type === "element" && node.tagName === "p");
  return {
    file,
    document: {
      slug: folder.slug,
      source: file.path,
      title: title ?? folder.slug,
      summary: data.summary ?? (firstParagraph ? toString(firstParagraph).trim() : undefined),
      body: compactTranscripts(serialiseBody(parts, (node) => dependsOnPage(node) || isLongTranscript(node))),
      assets: file.data.assets ?? [],
    },
  };
}
