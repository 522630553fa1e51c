import { readFileSync } from "node:fs";
import path from "node:path";
import { unified } from "unified";
import remarkParse from "remark-parse";
import { visit } from "unist-util-visit";

/** What the floor asks of the project's highlighter (`lib/html/highlighter.js`, loaded at run time from the checkout). */
interface Highlighter {
  load(blocks: Iterable<{ code: string; language: string | null | undefined }>): Promise<void>;
  highlight(code: string, language: string | null | undefined): unknown;
}

/** One lesson for the floor: its Markdown and its data files' folder. */
export interface FloorTask {
  file: string;
  dataDir: string;
}

const lib = new URL("../../lib/", import.meta.url);
let highlighter: Promise<Highlighter> | undefined;
/** What the floor takes from the project's `data-file` plugin: a block's text and language, as the build shows them. */
interface DataFiles {
  languageOfFile(name: string): string;
  splitDataFileName(name: string): { path: string; region: string | undefined };
  dataFileBody(text: string, region: string | undefined): { ok: true; text: string } | { ok: false; reason: string };
}
let dataFiles: Promise<DataFiles> | undefined;
const parser = unified().use(remarkParse);

/**
 * The least a remark + shiki build does with a lesson: parse it with
 * remark-parse and highlight every code block with the project's own
 * highlighter, a `data-file` block with its file's text.
 */
export default async function parseAndHighlight(task: FloorTask): Promise<number> {
  highlighter ??= import(new URL("html/highlighter.js", lib).href).then((module: { createCodeHighlighter: () => Promise<Highlighter> }) =>
    module.createCodeHighlighter(),
  );
  dataFiles ??= Promise.all([
    import(new URL("markdown/languages.js", lib).href) as Promise<Pick<DataFiles, "languageOfFile">>,
    import(new URL("markdown/data-file.js", lib).href) as Promise<Omit<DataFiles, "languageOfFile">>,
  ]).then(([languages, data]) => ({ ...languages, ...data }));
  const [ready, files] = await Promise.all([highlighter, dataFiles]);
  const tree = parser.parse(readFileSync(task.file, "utf8"));
  const blocks: { code: string; language: string | null | undefined }[] = [];
  visit(tree, "code", (node) => {
    const dataFile = /data-file="([^"]+)"/.exec(`${node.lang ?? ""} ${node.meta ?? ""}`)?.[1];
    if (dataFile === undefined) {
      blocks.push({ code: node.value, language: node.lang });
      return;
    }
    const { path: name, region } = files.splitDataFileName(dataFile);
    const body = files.dataFileBody(readFileSync(path.join(task.dataDir, name), "utf8"), region);
    if (body.ok) blocks.push({ code: body.text, language: files.languageOfFile(name) });
  });
  await ready.load(blocks);
  for (const block of blocks) ready.highlight(block.code, block.language);
  return blocks.length;
}
