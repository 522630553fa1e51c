import { existsSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { report } from "../diagnostics/report.js";
import { placeOfKey } from "./older-config.js";
import { readSourceFile } from "./source-file.js";
import { yamlReason } from "./yaml-reason.js";

/** The name of a course's configuration file, at its root. */
export const configFileName = "lessons.yml";

/** A course's configuration as written, before it is checked: the file, its values, and where each is written. */
export interface ConfigSource {
  /** `lessons.yml` (or `pyproject.toml`) as read, relative to the root, which the problems found in it are reported on. */
  file: VFile;
  /** The configuration's values as parsed, unchecked; undefined when there are none (an empty file, or one that cannot be parsed). */
  values: unknown;
  /** Where the key (`"key"`) or value (`"value"`) at `field` is written; the file's start when it cannot be found. */
  place(field: readonly PropertyKey[], part: "key" | "value"): Point;
  /** How the file names a table of settings, for messages: `lessons.yml` or `[tool.lessons]`. */
  name: string;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `lessons.yml`, with YAML 1.2's core schema (so `title: 2024` is the text written), and the position of every node. */
function yamlSource(root: string, absolute: string): ConfigSource {
  const file = readSourceFile(root, absolute);
  const lineCounter = new LineCounter();
  const document = parseDocument(String(file.value), { lineCounter });
  const pointOf = (offset: number | undefined): Point => {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const [problem] = document.errors;
  if (problem) {
    const [start] = problem.linePos ?? [];
    const place = start ? { line: start.line, column: start.col } : { line: 1, column: 1 };
    report(file, "config", `${configFileName} is not valid YAML: ${yamlReason(problem.message)}`, place);
    return { file, values: undefined, place: () => ({ line: 1, column: 1 }), name: configFileName };
  }
  const place = (field: readonly PropertyKey[], part: "key" | "value"): Point => {
    let node: unknown = document.contents;
    let at: YamlNode | undefined;
    for (const step of field) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === step);
        node = pair?.value;
        at = (part === "key" && step === field.at(-1) ? pair?.key : pair?.value) as YamlNode | undefined;
      } else if (isSeq(node) && typeof step === "number") {
        node = node.items[step];
        at = node as YamlNode | undefined;
      } else break;
    }
    return pointOf(at?.range?.[0]);
  };
  return { file, values: document.toJS({ maxAliasCount: 100 }) as unknown, place, name: configFileName };
}

/**
 * The `[tool.lessons]` table of an older course's `pyproject.toml` (`file`,
 * as the older tool's configuration was read from it, which reports a file
 * that is not valid TOML as `older-config`).
 */
function tomlSource(file: VFile): ConfigSource | undefined {
  const text = String(file.value);
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch {
    return undefined;
  }
  const tool = document.tool;
  if (!isTable(tool) || tool.lessons === undefined) return undefined;
  // TOML parsers give no positions, so each key is found by its line, in a table of its own (`[tool.lessons.repository]`) or inline.
  const place = (field: readonly PropertyKey[]): Point => {
    const keys = field.filter((step): step is string => typeof step === "string");
    const key = keys.at(-1);
    if (key === undefined) return placeOfKey(text, "tool", "lessons");
    const table = ["tool", "lessons", ...keys.slice(0, -1)].join(".");
    const nested = placeOfKey(text, table, key);
    return nested.line === 1 && keys.length > 1 ? placeOfKey(text, "tool.lessons", key) : nested;
  };
  return { file, values: tool.lessons, place, name: "[tool.lessons]" };
}

/**
 * Where a course's configuration is written: `lessons.yml` at the root; in
 * the older layout without one, the `[tool.lessons]` table of
 * `pyproject.toml` (`pyproject`, as read for `[tool.mccole]`), which is a
 * `config-key` warning when `lessons.yml` is there too. Undefined when the
 * course has neither.
 */
export function findConfigSource(root: string, pyproject: VFile | undefined): ConfigSource | undefined {
  const yaml = path.join(root, configFileName);
  const table = pyproject && tomlSource(pyproject);
  if (!existsSync(yaml)) return table;
  if (table) {
    const reason = `[tool.lessons] is ignored: the course's ${configFileName} holds its settings`;
    report(table.file, "config-key", reason, table.place([], "key"));
  }
  return yamlSource(root, yaml);
}
