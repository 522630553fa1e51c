import { existsSync, readFileSync, statSync } from "node:fs";
import type { Code, Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { describeRefusal, isFile, resolveInside, type InsideResult } from "../project/safe-path.js";
import { excerptDriftReason, excerptOf } from "./data-file-excerpt.js";
import { extractRegion } from "./data-file-region.js";
import { forEachNode } from "./each-node.js";
import { describeSize, inputLimits } from "../project/input-limits.js";
import { languageOfFile } from "./languages.js";
import { addAsset, lessonOf, markUsed } from "./lesson-context.js";

const attribute = /^\{\s*data-file\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))\s*\}$/;

/** Split `name.py:create` into a path and a region name. */
export function splitDataFileName(name: string): { path: string; region: string | undefined } {
  const colon = name.lastIndexOf(":");
  if (colon <= 0 || !/^[\w-]+$/.test(name.slice(colon + 1))) return { path: name, region: undefined };
  return { path: name.slice(0, colon), region: name.slice(colon + 1) };
}

/** The text a `data-file` block should show: the file, or its region, without a final newline. */
export function dataFileBody(fileText: string, region: string | undefined): { ok: true; text: string } | { ok: false; reason: string } {
  const text = fileText.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  return region === undefined ? { ok: true, text } : extractRegion(text, region);
}

/**
 * The name in a code block's `{data-file="…"}` attribute; `""` when the info
 * string starts with `{` but cannot be read; undefined for any other block.
 */
export function dataFileName(code: Code): string | undefined {
  const info = [code.lang, code.meta].filter(Boolean).join(" ").trim();
  if (!info.startsWith("{")) return undefined;
  const match = attribute.exec(info);
  return match ? (match[1] ?? match[2] ?? match[3] ?? "") : "";
}

/** What reading a `data-file` name gives: the text to show, or the rule and reason it cannot be shown. */
export type LoadedDataFile =
  | { ok: true; path: string; text: string }
  | { ok: false; rule: "data-file-escape" | "data-file-missing" | "data-file-region" | "input-limit"; reason: string };

/**
 * Resolve `name` (`path` or `path:region`) in `dataDir`, refusing paths that
 * leave it or link outside `root`, and read the text a block should show.
 */
export function loadDataFile(dataDir: string, root: string, name: string): LoadedDataFile {
  return readDataFile(name, resolveInside(dataDir, splitDataFileName(name).path, root));
}

/** {@link loadDataFile} once `name`'s path is resolved: resolving follows links on disk, so it is done once per block. */
function readDataFile(name: string, resolved: InsideResult): LoadedDataFile {
  const { path: relative, region } = splitDataFileName(name);
  if (!resolved.ok) {
    return { ok: false, rule: "data-file-escape", reason: `data file "${name}" is refused: ${describeRefusal(resolved.reason)}` };
  }
  if (!isFile(resolved.path)) {
    const problem = existsSync(resolved.path) ? "is not a file" : "not found";
    return { ok: false, rule: "data-file-missing", reason: `data file "${relative}" ${problem}` };
  }
  const size = statSync(resolved.path).size;
  if (size > inputLimits.shownFileBytes) {
    const limit = describeSize(inputLimits.shownFileBytes);
    return {
      ok: false,
      rule: "input-limit",
      reason: `data file "${relative}" is ${describeSize(size)}; a block shows at most ${limit}`,
    };
  }
  const body = dataFileBody(readFileSync(resolved.path, "utf8"), region);
  if (!body.ok) return { ok: false, rule: "data-file-region", reason: `data file "${relative}": ${body.reason}` };
  return { ok: true, path: resolved.path, text: body.text };
}

function showFile(code: Code, name: string, file: VFile): void {
  const lesson = lessonOf(file);
  const { path: relative } = splitDataFileName(name);
  code.lang = languageOfFile(relative);
  code.meta = null;
  code.data ??= {};
  code.data.dataFile = { name, path: relative, href: undefined };
  const hasBody = code.value !== "";
  // Named by a block, so not "unused" even when it cannot be shown; but only what may be read is recorded.
  const inside = resolveInside(lesson.dataDir, relative, lesson.root);
  if (inside.ok) markUsed(file, inside.path);
  const loaded = readDataFile(name, inside);
  if (!loaded.ok && loaded.rule === "data-file-missing") {
    const where = `${loaded.reason} in ${lesson.slug}'s data folder`;
    if (hasBody) report(file, loaded.rule, `${where}; the block is shown as written`, code, "warning");
    else report(file, loaded.rule, where, code);
    return;
  }
  if (!loaded.ok) {
    report(file, loaded.rule, loaded.reason, code);
    return;
  }
  const target = `${lesson.slug}/files/${relative}`;
  addAsset(file, { source: loaded.path, target });
  code.data.dataFile.href = `/${target}`;
  // A lesson with CRLF line endings keeps them in `code.value`; that alone is not drift.
  const body = code.value.replace(/\r\n?/g, "\n");
  if (hasBody && body !== loaded.text) {
    // A body that is part of the file was meant to show that part: refresh would replace it with the whole file.
    const excerpt = excerptOf(body, loaded.text);
    const reason = excerpt
      ? excerptDriftReason(name, excerpt, (code.position?.start.line ?? 0) + 1)
      : `block body differs from "${name}"; run \`lessons refresh\` to update it`;
    report(file, "data-file-drift", reason, code);
  }
  code.value = loaded.text;
}

/**
 * Fill ```` ```{data-file="path"} ```` blocks from the lesson's data folder.
 *
 * ```` ```{data-file="hello.py"} ```` with an empty body becomes a `python`
 * code block holding `hello.py`, with `data.dataFile` telling the HTML stage
 * to caption it and link the copied file.
 */
export function dataFileTransform(tree: Root, file: VFile): void {
  forEachNode(tree, "code", (code) => {
    const name = dataFileName(code);
    if (name === undefined) return;
    if (name === "") {
      report(
        file,
        "data-file-syntax",
        `cannot read the fence attribute "${[code.lang, code.meta].filter(Boolean).join(" ")}": expected {data-file="path"}`,
        code,
      );
      return;
    }
    showFile(code, name, file);
  });
}

/** Unified plugin for {@link dataFileTransform}. */
export default function remarkDataFile() {
  return dataFileTransform;
}
