import { existsSync, readFileSync } from "node:fs";
import type { Code, Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "unist-util-visit";
import { report } from "../diagnostics/report.js";
import { describeRefusal, resolveInside } from "../project/safe-path.js";
import { extractRegion } from "./data-file-region.js";
import { languageOfFile } from "./languages.js";
import { addAsset, lessonOf } from "./types.js";

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

function dataFileName(code: Code): string | undefined {
  const info = [code.lang, code.meta].filter(Boolean).join(" ").trim();
  if (!info.startsWith("{")) return undefined;
  const match = attribute.exec(info);
  return match ? (match[1] ?? match[2] ?? match[3] ?? "") : "";
}

function showFile(code: Code, name: string, file: VFile): void {
  const lesson = lessonOf(file);
  const { path: relative, region } = splitDataFileName(name);
  code.lang = languageOfFile(relative);
  code.meta = null;
  code.data ??= {};
  code.data.dataFile = { name, path: relative, href: undefined };
  const hasBody = code.value !== "";
  const resolved = resolveInside(lesson.dataDir, relative, lesson.root);
  if (!resolved.ok) {
    report(file, "data-file-escape", `data file "${name}" is refused: ${describeRefusal(resolved.reason)}`, code);
    return;
  }
  if (!existsSync(resolved.path)) {
    const where = `${lesson.slug}'s data folder`;
    if (hasBody) {
      report(file, "data-file-missing", `data file "${relative}" not found in ${where}; the block is shown as written`, code, "warning");
    } else {
      report(file, "data-file-missing", `data file "${relative}" not found in ${where}`, code);
    }
    return;
  }
  const body = dataFileBody(readFileSync(resolved.path, "utf8"), region);
  if (!body.ok) {
    report(file, "data-file-region", `data file "${relative}": ${body.reason}`, code);
    return;
  }
  const target = `${lesson.slug}/files/${relative}`;
  addAsset(file, { source: resolved.path, target });
  code.data.dataFile.href = `/${target}`;
  if (hasBody && code.value !== body.text) {
    report(file, "data-file-drift", `block body differs from "${name}"; run \`lessons refresh\` to update it`, code);
  }
  code.value = body.text;
}

/**
 * Fill ```` ```{data-file="path"} ```` blocks from the lesson's data folder.
 *
 * ```` ```{data-file="hello.py"} ```` with an empty body becomes a `python`
 * code block holding `hello.py`, with `data.dataFile` telling the HTML stage
 * to caption it and link the copied file.
 */
export function dataFileTransform(tree: Root, file: VFile): void {
  visit(tree, "code", (code) => {
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
