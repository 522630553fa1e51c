import { existsSync } from "node:fs";
import path from "node:path";
import { parse, TomlError } from "smol-toml";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { readSourceFile } from "./source-file.js";

/**
 * What the older tool's `[tool.mccole]` table in `pyproject.toml` says about
 * the addresses it published; its other keys are not the site's concern.
 */
export interface OlderConfig {
  /** `pyproject.toml` as read (relative path, text and the problems found in it), or undefined when the course has none. */
  file: VFile | undefined;
  /** File name → the name its page was written under: `LICENSE.md` → `license.md` (published as `license.html`). */
  renames: ReadonlyMap<string, string>;
  /**
   * Path prefixes, relative to the root, that the older tool never
   * published: the table's `skips`, and `docs`, its own output folder.
   * Matched as it matched them, as string prefixes (see {@link isSkipped}).
   */
  skips: readonly string[];
}

/** The older tool's output folder, which it left out of what it published. */
const olderOutput = "docs";

/** A point of `text` by line (1-based), at the first non-blank column. */
function lineStart(text: string, line: number): { line: number; column: number } {
  const content = text.split("\n")[line - 1] ?? "";
  return { line, column: content.length - content.trimStart().length + 1 };
}

/** `[tool . "mccole"]` → `tool.mccole`. */
function tableName(header: string): string {
  return header
    .split(".")
    .map((part) => part.trim().replace(/^(["'])(.*)\1$/, "$2"))
    .join(".");
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The line of `key` inside table `table` (or a table under it), where a
 * wrong value is reported: TOML parsers give no positions for values, so
 * the text is searched line by line; the table's header (or line 1) when
 * the key is not found there.
 */
export function placeOfKey(text: string, table: string, key: string): { line: number; column: number } {
  const lines = text.split("\n");
  // A bare key may be the first part of a dotted one (`LICENSE.md = …` is `LICENSE` holding `md`).
  const written = `(?:"${escaped(key)}"|'${escaped(key)}'|${escaped(key)}(?:\\s*\\.\\s*[\\w-]+)*)\\s*=`;
  // `key = …` at the start of a line, or `{ key = …` / `, key = …` inside an inline table.
  const keyPattern = new RegExp(`(?:^\\s*|[{,]\\s*)${written}`);
  let inside = false;
  let header: number | undefined;
  for (const [at, line] of lines.entries()) {
    const opened = /^\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$/.exec(line);
    if (opened) {
      const name = tableName(opened[1] ?? "");
      inside = name === table || name.startsWith(`${table}.`);
      if (name === table) header ??= at + 1;
      continue;
    }
    const found = inside ? keyPattern.exec(line) : null;
    if (found) return { line: at + 1, column: found.index + found[0].search(/[^{,\s]/) + 1 };
  }
  return header === undefined ? { line: 1, column: 1 } : lineStart(text, header);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The reason a TOML parser gives, without its prefix and the code frame it appends. */
function tomlReason(error: TomlError): string {
  const [first = ""] = error.message.split("\n\n");
  return first.replace(/^Invalid TOML document:\s*/, "");
}

/** A rename's new name, or the reason it cannot be one: it must stay beside the file it renames. */
function renameProblem(name: string, value: unknown): string | undefined {
  const [extension] = isTable(value) ? Object.keys(value) : [];
  if (extension !== undefined)
    return `the new name of "${name}" must be a string (a file name with a dot in it is quoted: "${name}.${extension}" = …)`;
  if (typeof value !== "string") return `the new name of "${name}" must be a string`;
  if (value === "" || value.startsWith("/") || value.includes("\\") || value.split("/").some((part) => part === ".." || part === ""))
    return `the new name of "${name}" must be a file name or a relative path inside its folder, not "${value}"`;
  return undefined;
}

function readRenames(file: VFile, text: string, value: unknown): Map<string, string> {
  const renames = new Map<string, string>();
  if (value === undefined) return renames;
  if (!isTable(value)) {
    report(
      file,
      "older-config",
      "`renames` in [tool.mccole] must be a table of file name = new name",
      placeOfKey(text, "tool.mccole", "renames"),
    );
    return renames;
  }
  for (const [name, target] of Object.entries(value)) {
    const problem = renameProblem(name, target);
    if (problem) report(file, "older-config", problem, placeOfKey(text, "tool.mccole", name));
    else if (typeof target === "string") renames.set(name, target);
  }
  return renames;
}

function readSkips(file: VFile, text: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((skip): skip is string => typeof skip === "string")) {
    report(file, "older-config", "`skips` in [tool.mccole] must be a list of paths", placeOfKey(text, "tool.mccole", "skips"));
    return [];
  }
  // Every path starts with "": the older tool would have published nothing, which no course meant.
  if (value.includes(""))
    report(
      file,
      "older-config",
      "`skips` in [tool.mccole] has an empty path, which would leave out every file; it is ignored",
      placeOfKey(text, "tool.mccole", "skips"),
    );
  return value.filter((skip) => skip !== "");
}

/**
 * Read the `[tool.mccole]` table of the course's `pyproject.toml` (older
 * layout only). A file that is not valid TOML, or a `renames` or `skips`
 * of the wrong type, is an `older-config` error at its line; the course
 * then builds as if that part were absent.
 *
 * ```toml
 * [tool.mccole]
 * renames = { "LICENSE.md" = "license.md", "README.md" = "index.md" }
 * skips = ["bin", "tmp"]
 * ```
 */
export function readOlderConfig(root: string): OlderConfig {
  const absolute = path.join(root, "pyproject.toml");
  const none = { renames: new Map<string, string>(), skips: [olderOutput] };
  if (!existsSync(absolute)) return { file: undefined, ...none };
  const file = readSourceFile(root, absolute);
  const text = String(file.value);
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    // The parser reports every problem of the text as a TomlError; anything else it throws is reported as it says.
    const reason = error instanceof TomlError ? tomlReason(error) : String(error);
    const place = error instanceof TomlError ? { line: error.line, column: error.column } : { line: 1, column: 1 };
    report(file, "older-config", `pyproject.toml is not valid TOML: ${reason}`, place);
    return { file, ...none };
  }
  const tool = document.tool;
  const table = isTable(tool) ? tool.mccole : undefined;
  if (table === undefined) return { file, ...none };
  if (!isTable(table)) {
    report(file, "older-config", "[tool.mccole] must be a table", placeOfKey(text, "tool", "mccole"));
    return { file, ...none };
  }
  return { file, renames: readRenames(file, text, table.renames), skips: [...readSkips(file, text, table.skips), olderOutput] };
}

/** Whether the older tool left the file at `relative` (root-relative, `/`-separated) unpublished, by its `skips` prefixes. */
export function isSkipped(config: OlderConfig, relative: string): boolean {
  return config.skips.some((skip) => relative.startsWith(skip));
}

/**
 * Where the older tool wrote the page of a Markdown file (root-relative,
 * `/`-separated): its name renamed as `renames` says, then `.md` → `.html`
 * (`LICENSE.md` with `"LICENSE.md" = "license.md"` → `license.html`).
 */
export function olderPageAddress(config: OlderConfig, source: string): string {
  const folder = path.posix.dirname(source);
  const name = path.posix.basename(source);
  const renamed = config.renames.get(name) ?? name;
  const address = folder === "." ? renamed : `${folder}/${renamed}`;
  return address.replace(/\.md$/, ".html");
}

/** Where `renames` names `name` in `pyproject.toml`, to report a rename that cannot be kept. */
export function placeOfRename(config: OlderConfig, name: string): { line: number; column: number } {
  return placeOfKey(String(config.file?.value ?? ""), "tool.mccole", name);
}
