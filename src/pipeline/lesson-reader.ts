import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { blockKey, isHighlighted, type HighlightedBlock } from "../html/highlighted-block.js";
import type { Highlighter } from "../html/highlighter.js";
import { holesOf } from "../html/html-parts.js";
import { referenceProperty } from "../markdown/placeholders.js";
import type { ParseDocument } from "../markdown/document-parts.js";
import type { LessonFolder } from "../project/layout.js";
import type { LessonDocument } from "../site/model.js";
import { serializeMessages, type SerializedMessage } from "../diagnostics/serialized-messages.js";
import { createTimings, type StageTimings } from "../diagnostics/timings.js";

/** One lesson for the document stage: plain data, so it can be sent to a worker thread. */
export interface LessonTask {
  folder: LessonFolder;
  /** Absolute project root. */
  root: string;
  /** Shared link definitions appended to the lesson (see `project/links.ts`). */
  sharedDefinitions: string;
  /** The code blocks an earlier build of this lesson highlighted, if the cache has them. */
  highlighted?: HighlightedBlock[] | undefined;
  /** Whether to return the blocks this reading highlights (for the cache; a build without one has no use for them). */
  keepHighlighted?: boolean | undefined;
}

/** The document stage's result for one lesson, as plain data (structured-clone safe, cacheable). */
export interface LessonOutcome {
  document: LessonDocument;
  /** The lesson's diagnostics; rebuilt as `VFileMessage`s on the lesson's file by the caller. */
  messages: SerializedMessage[];
  /** Absolute paths of the files the lesson read besides its `index.md` (data files, images, tables). */
  usedFiles: string[];
  /** Time spent per stage on this lesson: parse, transforms, highlight. */
  timings: [string, number][];
  /** The lesson's highlighted code blocks, for the next build that reads it again (see `LessonTask.highlighted`); empty unless `LessonTask.keepHighlighted`. */
  highlighted: HighlightedBlock[];
}

/** Reads lessons one after the other with one highlighter and one processor; made once per thread and build. */
export interface LessonReader {
  read(task: LessonTask): Promise<LessonOutcome>;
  dispose(): void;
}

/** What the reader is doing for the lesson being read: its timings and the highlighted blocks it showed. */
interface ReadingLesson {
  timings: StageTimings;
  highlighted: Map<string, Element>;
}

/** A highlighter that adds its time, and the blocks it highlighted, to whatever lesson is being read. */
function recordingHighlighter(highlighter: Highlighter, lesson: () => ReadingLesson): Highlighter {
  return {
    load: (blocks) => lesson().timings.timeAsync("highlight: load grammars", () => highlighter.load(blocks)),
    highlight: (code, language): Element => {
      const pre = lesson().timings.time("highlight", () => highlighter.highlight(code, language));
      if (isHighlighted(pre)) lesson().highlighted.set(blockKey(code, language), pre);
      return pre;
    },
    remember: (blocks) => highlighter.remember(blocks),
    dispose: () => highlighter.dispose(),
  };
}

/**
 * Drop the source positions the rest of the build never reads: after the
 * document stage only reference placeholders need theirs (the site stage
 * reports an unknown key where it was written). A lesson's trees shrink by
 * a quarter, which is less to send from a worker, to cache and to copy.
 */
function dropUnusedPositions(document: LessonDocument): void {
  const { intro, sections } = document.body;
  const tree: Root = {
    type: "root",
    children: holesOf([...intro, ...sections.flatMap((section) => [...section.heading, ...section.body])]),
  };
  visit(tree, (node) => {
    if (node.type === "element" && referenceProperty in node.properties) return;
    delete node.position;
  });
}

/**
 * Create the document stage for lessons. unified, the Markdown plugins and
 * shiki are imported here, on demand, so a build whose lessons all come
 * from the cache never loads them. A reader that reads the same lessons
 * again after edits (the dev server's) is made `incremental`: it keeps the
 * syntax tree of each lesson it read and parses again only the part of the
 * text an edit changed (see `markdown/incremental-parse.ts`). Every reader
 * parses a lesson section by section (`markdown/sectioned-parse.ts`).
 */
export async function createLessonReader(options: { incremental?: boolean } = {}): Promise<LessonReader> {
  const [{ createCodeHighlighter }, { createMarkdownProcessor }, { readLesson }, { createSectionedParser }] = await Promise.all([
    import("../html/highlighter.js"),
    import("../html/processor.js"),
    import("../html/lesson-document.js"),
    import("../markdown/sectioned-parse.js"),
  ]);
  let current: ReadingLesson = { timings: createTimings(), highlighted: new Map() };
  const highlighter = recordingHighlighter(await createCodeHighlighter(), () => current);
  const processor = createMarkdownProcessor(highlighter);
  const sectioned = createSectionedParser((text) => processor.parse(text));
  const parse: ParseDocument = options.incremental
    ? (await import("../markdown/incremental-parse.js")).createIncrementalParser(sectioned)
    : sectioned;
  return {
    async read(task) {
      const timings = createTimings();
      current = { timings, highlighted: new Map() };
      if (task.highlighted) highlighter.remember(task.highlighted);
      const reading = current;
      const started = performance.now();
      const { file, document } = await readLesson(task.folder, {
        processor,
        root: task.root,
        sharedDefinitions: task.sharedDefinitions,
        timings,
        parse,
      });
      dropUnusedPositions(document);
      const total = performance.now() - started;
      const entries = new Map(timings.entries());
      const parsing = entries.get("parse") ?? 0;
      const transforms = entries.get("transforms") ?? 0;
      const highlighting = (entries.get("highlight") ?? 0) + (entries.get("highlight: load grammars") ?? 0);
      entries.set("transforms", transforms - highlighting);
      entries.set("read, front matter, sections", total - parsing - transforms);
      return {
        document,
        messages: serializeMessages(file.messages),
        usedFiles: file.data.usedFiles ?? [],
        timings: [...entries],
        highlighted: task.keepHighlighted ? [...reading.highlighted] : [],
      };
    },
    dispose: () => highlighter.dispose(),
  };
}
