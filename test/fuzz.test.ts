import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatJson, formatText } from "../src/diagnostics/format-text.js";
import { rules } from "../src/diagnostics/rules.js";
import { createCodeHighlighter, type Highlighter } from "../src/html/highlighter.js";
import { loadDataFile } from "../src/markdown/data-file.js";
import { readLesson, type DocumentOptions } from "../src/html/lesson-document.js";
import { createMarkdownProcessor } from "../src/html/processor.js";
import { refreshDataFileBlocks } from "../src/markdown/refresh.js";
import { detectLayout, type LessonFolder } from "../src/project/layout.js";
import { buildSite } from "../src/pipeline/build-site.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { fuzzRuns } from "./helpers/fuzz-runs.js";

/** Fixed, so a failure is reproduced by running the suite again; `LESSONS_FUZZ_SEED=n LESSONS_FUZZ_RUNS=k` explores further. */
const seed = Number(process.env.LESSONS_FUZZ_SEED ?? 20_240_611);
/** Far above a normal build of the lesson (well under a second), far below a hang. */
const timeLimitMs = 15_000;

const seedLesson = readFileSync(path.join(repoRoot, "content/virt/index.md"));
/** The project's other sources: the home page (front matter and lesson list), glossary, bibliography and shared links. */
const sharedSources = ["content/index.md", "content/glossary.md", "content/bibliography.bib", "content/links.md"].map((name) => ({
  name,
  bytes: readFileSync(path.join(repoRoot, name)),
}));
const encoder = new TextEncoder();

/** Text an author (or a bad merge) might leave in a lesson or another source, each likely to trip one construct. */
const snippets = [
  "[%",
  "%]",
  "[% figure",
  '[% figure slug=x img="docker_layers.svg" alt="x" %]',
  "[%f virt_docker_layers %]",
  "[%t nope %]",
  "[%x",
  '"',
  "](g:",
  "](b:",
  "[t](g:docker_image)",
  "[[Stoneman2020](b:Stoneman2020)]",
  "{:",
  "{: .exericse}",
  "{: #dup}",
  "`",
  "```",
  "~~~",
  '```{data-file="',
  '```{data-file="../../etc/passwd"}\n```\n',
  '```{data-file="/etc/hostname"}\n```\n',
  "\n",
  "\r\n",
  "\r",
  "\n\n## ",
  "\n# ",
  "---\n",
  "<script>alert(1)</script>",
  "<!--",
  "[docker][",
  "\\",
  "\u0000",
  "\uFEFF",
  "\u202E",
  '<span id="',
  ":   ",
  "lessons: [",
  "title:",
  "@article{",
  "@book{Key2000,\n  title = {",
  "}",
  " = ",
];

/**
 * Shapes of pathological input, from a count of 1 to 400: deep nesting and
 * long runs of openers. Line-shaped nesting grows with the square of the
 * count, so only single-line shapes are scaled up further.
 */
const shapes = {
  quote: (count: number) => `\n${">".repeat(count * 10)} deep\n`,
  quotes: (count: number) => `\n${Array.from({ length: count }, (_, index) => `${">".repeat(index + 1)} x`).join("\n")}\n`,
  list: (count: number) => `\n${Array.from({ length: count }, (_, index) => `${"  ".repeat(index)}- item`).join("\n")}\n`,
  ordered: (count: number) => `\n${Array.from({ length: count }, (_, index) => `${"   ".repeat(index)}1. item`).join("\n")}\n`,
  brackets: (count: number) => "[".repeat(count * 10),
  shortcodes: (count: number) => "[% ".repeat(count),
  emphasis: (count: number) => `${"*".repeat(count)}a${"*".repeat(count)}`,
  links: (count: number) => "[a](g:b) ".repeat(count),
  backticks: (count: number) => "`".repeat(count),
  attributes: (count: number) => "{: ".repeat(count),
} as const;

/** One change to the lesson's bytes, described compactly so a failing case reads well. */
type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number; to: number }
  | { kind: "snippet"; at: number; text: string }
  | { kind: "deep"; at: number; shape: keyof typeof shapes; count: number }
  | { kind: "bytes"; at: number; bytes: number[] };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 4000 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: position, length: fc.integer({ min: 1, max: 4000 }), to: position }),
  fc.record({ kind: fc.constant("snippet" as const), at: position, text: fc.constantFrom(...snippets) }),
  fc.record({
    kind: fc.constant("deep" as const),
    at: position,
    shape: fc.constantFrom(...(Object.keys(shapes) as (keyof typeof shapes)[])),
    count: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({
    kind: fc.constant("bytes" as const),
    at: position,
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
  }),
);

function mutate(source: Uint8Array, changes: Mutation[]): Uint8Array {
  let bytes = source;
  for (const change of changes) {
    const at = Math.floor(change.at * (bytes.length + 1));
    const insert = (inserted: Uint8Array) => Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
    switch (change.kind) {
      case "delete":
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.length)]);
        break;
      case "duplicate": {
        const span = bytes.subarray(at, at + change.length);
        const to = Math.floor(change.to * (bytes.length + 1));
        bytes = Buffer.concat([bytes.subarray(0, to), span, bytes.subarray(to)]);
        break;
      }
      case "snippet":
        bytes = insert(encoder.encode(change.text));
        break;
      case "deep":
        bytes = insert(encoder.encode(shapes[change.shape](change.count)));
        break;
      case "bytes":
        bytes = insert(Uint8Array.from(change.bytes));
        break;
    }
  }
  return bytes;
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/** Every diagnostic names a known rule and says where, so no problem is reported without a place to fix it. */
function expectWellFormed(messages: VFileMessage[]): void {
  for (const message of messages) {
    expect(Object.keys(rules)).toContain(message.ruleId);
    expect(message.source).toBe("lessons");
    expect(message.file).not.toBe("");
    const where = `${message.ruleId ?? ""}: ${message.reason} at ${message.line ?? "?"}:${message.column ?? "?"}`;
    expect((message.line ?? 0) > 0 && (message.column ?? 0) > 0, where).toBe(true);
  }
}

async function withinTimeLimit<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  expect(performance.now() - started).toBeLessThan(timeLimitMs);
  return result;
}

describe("fuzz: mutations of the seed project never crash, hang or go unexplained", () => {
  let root: string;
  let lessonFile: string;
  let folder: LessonFolder;
  let highlighter: Highlighter;
  let options: DocumentOptions;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "lessons-fuzz-"));
    cpSync(path.join(repoRoot, "content"), path.join(root, "content"), { recursive: true });
    cpSync(path.join(repoRoot, "data-files"), path.join(root, "data-files"), { recursive: true });
    lessonFile = path.join(root, "content/virt/index.md");
    const found = detectLayout(root).lessons.find((lesson) => lesson.slug === "virt");
    if (!found) throw new Error("the seed project has no virt lesson");
    folder = found;
    highlighter = await createCodeHighlighter();
    options = { processor: createMarkdownProcessor(highlighter), root, sharedDefinitions: "" };
  });

  afterAll(() => {
    highlighter.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it("reads every mutated lesson into a document with well-formed diagnostics, in bounded time", async () => {
    await fc.assert(
      fc.asyncProperty(mutations, async (changes) => {
        writeFileSync(lessonFile, mutate(seedLesson, changes));
        const { file, document } = await withinTimeLimit(() => readLesson(folder, options));
        expect(document.slug).toBe("virt");
        expectWellFormed(file.messages);
      }),
      { seed, numRuns: fuzzRuns(12), endOnFailure: true },
    );
  });

  it("builds every mutated project into pages or errors, and formats its diagnostics, in bounded time", async () => {
    await fc.assert(
      fc.asyncProperty(mutations, async (changes) => {
        writeFileSync(lessonFile, mutate(seedLesson, changes));
        const result = await withinTimeLimit(() => buildSite({ root }));
        expectWellFormed(result.messages);
        expect(() => formatText(result.messages, { root, codeFrame: true })).not.toThrow();
        expect(JSON.parse(formatJson(result.messages))).toHaveLength(result.messages.length);
        if (!result.messages.some((message) => message.fatal)) {
          expect(result.files.map((output) => output.path)).toContain("virt/index.html");
        }
      }),
      { seed, numRuns: fuzzRuns(3), endOnFailure: true },
    );
  });

  it("builds every project whose home page, glossary, bibliography or links are mutated into pages or errors, in bounded time", async () => {
    writeFileSync(lessonFile, seedLesson);
    const restore = () => {
      for (const source of sharedSources) writeFileSync(path.join(root, source.name), source.bytes);
    };
    try {
      // Each source in turn, so that every one of them is mutated however few the runs.
      for (const source of sharedSources) {
        await fc.assert(
          fc.asyncProperty(mutations, async (changes) => {
            restore();
            writeFileSync(path.join(root, source.name), mutate(source.bytes, changes));
            const result = await withinTimeLimit(() => buildSite({ root }));
            expectWellFormed(result.messages);
            expect(() => formatText(result.messages, { root, codeFrame: true })).not.toThrow();
            if (!result.messages.some((message) => message.fatal)) {
              expect(result.files.map((output) => output.path)).toContain("index.html");
            }
          }),
          { seed, numRuns: fuzzRuns(1), endOnFailure: true },
        );
      }
    } finally {
      restore();
    }
  });

  it("refreshes every mutated lesson to a fixed point: a second refresh changes nothing", () => {
    const read = (name: string) => loadDataFile(folder.dataDir, root, name);
    fc.assert(
      fc.property(mutations, (changes) => {
        const text = new TextDecoder().decode(mutate(seedLesson, changes));
        const once = refreshDataFileBlocks(new VFile({ path: "content/virt/index.md", value: text }), read);
        const again = refreshDataFileBlocks(new VFile({ path: "content/virt/index.md", value: once.text }), read);
        expect(again.refreshed).toBe(0);
        expect(again.text).toBe(once.text);
      }),
      { seed, numRuns: fuzzRuns(6), endOnFailure: true },
    );
  });
});
