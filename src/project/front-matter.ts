import matter from "gray-matter";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { isMap, isSeq, LineCounter, parseDocument, YAMLParseError, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";

/** Front matter of the home page. */
export const homeFrontMatter = z.looseObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  lessons: z.array(z.string()).optional(),
  /** Lessons that are appendices: after the lessons, in this order, lettered A, B, … */
  appendices: z.array(z.string()).optional(),
});

/** Front matter of a lesson. */
export const lessonFrontMatter = z.looseObject({
  title: z.string().optional(),
  summary: z.string().optional(),
});

/** Front matter split off a Markdown file. */
export interface SplitFrontMatter<T> {
  data: T;
  /**
   * The file's text with the front matter blanked out (every character but
   * line endings replaced by a space), so positions in the body still match
   * the file.
   */
  body: string;
}

const opening = /^---[ \t]*\r?\n/;
const closing = /\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * gray-matter's YAML engine: the `yaml` package, which reads every other
 * YAML file of a project too, with YAML 1.2's core schema, so
 * `title: 2024-01-01` is the string an author sees rather than a date.
 * The first problem is thrown, with its position, as gray-matter expects.
 */
function parseYaml(source: string): object {
  const document = parseDocument(source);
  const [problem] = document.errors;
  if (problem) throw problem;
  return (document.toJS() as object | null) ?? {};
}

const grayMatterOptions = { engines: { yaml: parseYaml } };

/** What a YAML error says (a parse error, or too many aliases), without the position and excerpt the `yaml` package appends. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * Where the field at `fieldPath` is written in the front matter `yaml`
 * (which starts on line 2 of the file): the key of a mapping entry, or the
 * item of a list; the opening `---` when the field cannot be found.
 */
function fieldPoint(yaml: string, fieldPath: readonly PropertyKey[]): Point {
  const lineCounter = new LineCounter();
  let node: unknown = parseDocument(yaml, { lineCounter }).contents;
  let at: YamlNode | undefined;
  for (const step of fieldPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === step);
      at = (pair?.key as YamlNode | undefined) ?? undefined;
      node = pair?.value;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
      at = node as YamlNode | undefined;
    } else {
      break;
    }
  }
  const offset = at?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = lineCounter.linePos(offset);
  return { line: line + 1, column: col };
}

/**
 * Fields the schema does not know are ignored, so each is a
 * `front-matter-key` warning at its line, with the known field it is
 * closest to (`titel` → `title`), rather than ignored without a word.
 */
function reportUnknownFields(file: VFile, schema: z.ZodType, raw: unknown, yaml: string): void {
  if (!(schema instanceof z.ZodObject) || typeof raw !== "object" || raw === null) return;
  const known = Object.keys(schema.shape);
  for (const field of Object.keys(raw)) {
    if (known.includes(field)) continue;
    const reason = `front matter field \`${field}\` is not one lessons knows and is ignored${didYouMean(field, known)}`;
    report(file, "front-matter-key", reason, fieldPoint(yaml, [field]));
  }
}

/**
 * Split YAML front matter off `file` with gray-matter and validate it
 * against `schema`. Bad YAML or a field of the wrong type is reported as
 * `front-matter` with its line; the data then falls back to `{}`.
 */
export function splitFrontMatter<T extends z.ZodType>(file: VFile, schema: T): SplitFrontMatter<z.infer<T>> {
  const text = String(file.value);
  const empty = schema.parse({}) as z.infer<T>;
  const open = opening.exec(text);
  const close = open ? closing.exec(text.slice(open[0].length - 1)) : null;
  if (!open || !close) return { data: empty, body: text };
  const end = open[0].length - 1 + close.index + close[0].length;
  const body = text.slice(0, end).replace(/[^\r\n]/g, " ") + text.slice(end);
  let raw: unknown;
  try {
    raw = matter(text.slice(0, end), grayMatterOptions).data;
  } catch (error) {
    // gray-matter hands the engine the text after the opening `---`, starting with its line ending, so its line N is file line N.
    const [start] = error instanceof YAMLParseError ? (error.linePos ?? []) : [];
    const place = start ? { line: start.line, column: start.col } : { line: 1, column: 1 };
    report(file, "front-matter", `front matter is not valid YAML: ${describe(error)}`, place);
    return { data: empty, body };
  }
  const parsed = schema.safeParse(raw ?? {});
  const yaml = text.slice(open[0].length, open[0].length - 1 + close.index);
  if (parsed.success) {
    reportUnknownFields(file, schema, raw, yaml);
    return { data: parsed.data as z.infer<T>, body };
  }
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "(front matter)";
    report(file, "front-matter", `front matter field \`${field}\`: ${issue.message}`, fieldPoint(yaml, issue.path));
  }
  return { data: empty, body };
}
