import { statSync } from "node:fs";
import type { HighlightedBlock } from "../html/highlighted-block.js";
import type { LessonHtml } from "../html/sections.js";
import type { LessonFolder } from "../project/layout.js";
import type { LessonOutcome } from "../pipeline/lesson-reader.js";
import type { LessonFactsOutcome, LessonMemo } from "../pipeline/memo.js";
import type { LessonFacts } from "../site/model.js";
import { hashedFiles, latestKey, lessonKey, outcomeKey } from "./keys.js";
import type { BuildCache } from "./store.js";

/** What the cache knows about a lesson's inputs: the files it read, with their hashes, and the key of its outcome. */
interface LessonEntry {
  dependencies: [file: string, hash: string][];
  outcome: string;
}

/** A lesson with the key of its own inputs, and its kept outcome's key when the files it read are unchanged too. */
export interface LessonInput {
  folder: LessonFolder;
  key: string;
  cached: string | undefined;
}

/** Look every lesson up in the cache without reading any: hash its inputs and the files its kept outcome says it read. */
export function lessonInputs(cache: BuildCache, folders: LessonFolder[], root: string, sharedDefinitions: string): LessonInput[] {
  return folders.map((folder) => {
    const key = lessonKey(cache, root, folder, sharedDefinitions);
    const entry = cache.read<LessonEntry>("lesson", key);
    const files = entry?.dependencies.map(([file]) => file) ?? [];
    const cached = entry && outcomeKey(key, hashedFiles(cache, files)) === entry.outcome ? entry.outcome : undefined;
    return { folder, key, cached };
  });
}

function dependenciesOf(outcome: LessonOutcome): string[] {
  return [...new Set([...outcome.usedFiles, ...outcome.document.assets.map((asset) => asset.source)])].sort();
}

/** A fresh outcome is kept only if no input changed while the build ran (else the key might not match the content). */
function unchangedSince(files: string[], startedAt: number): boolean {
  return files.every((file) => {
    try {
      return statSync(file).mtimeMs < startedAt;
    } catch {
      return true;
    }
  });
}

/** The lesson memo, with the key of each lesson's outcome (kept before or now), which its pages' keys hold. */
export interface CachedLessons extends LessonMemo {
  /** The key of a lesson's outcome, by slug, or undefined when it was read but could not be kept. */
  outcomeKey(slug: string): string | undefined;
}

/**
 * The cache as the lesson stage's memo. A lesson's outcome is kept in three
 * entries under one key, each read only when needed: its facts, which is
 * all a build that takes the lesson's pages from the cache reads; its body,
 * for its pages; and the code its reading highlighted, which reading it
 * again after an edit reuses.
 */
export function lessonMemo(cache: BuildCache, inputs: LessonInput[]): CachedLessons {
  const byFile = new Map(inputs.map((input) => [input.folder.file, input]));
  const outcomes = new Map(inputs.map((input) => [input.folder.slug, input.cached]));
  for (const input of inputs) {
    // Kept whether or not this build reads them: the next build may need the lesson's body or its highlighted code.
    if (input.cached === undefined) continue;
    cache.use("body", input.cached);
    cache.use("highlights", input.cached);
    cache.use("latest", latestKey(cache, input.folder));
    cache.use("lesson", input.key);
  }
  return {
    keepsHighlighted: true,
    outcomeKey: (slug) => outcomes.get(slug),
    facts(folder) {
      const cached = byFile.get(folder.file)?.cached;
      return cached === undefined ? undefined : cache.read<LessonFactsOutcome>("facts", cached);
    },
    body(folder) {
      const kept = outcomes.get(folder.slug);
      return kept === undefined ? undefined : cache.read<LessonHtml>("body", kept);
    },
    highlighted(folder): HighlightedBlock[] | undefined {
      const latest = cache.read<string>("latest", latestKey(cache, folder));
      return latest === undefined ? undefined : cache.read<HighlightedBlock[]>("highlights", latest);
    },
    keep(folder, outcome, facts: LessonFacts, startedAt) {
      const input = byFile.get(folder.file);
      if (!input) return false;
      const files = dependenciesOf(outcome);
      if (!unchangedSince([folder.file, ...files], startedAt)) {
        outcomes.set(folder.slug, undefined);
        return false;
      }
      const dependencies = hashedFiles(cache, files);
      const key = outcomeKey(input.key, dependencies);
      const { messages, usedFiles, timings, highlighted } = outcome;
      const bodyKept = cache.write("body", key, outcome.document.body);
      cache.write("highlights", key, highlighted);
      cache.write("facts", key, { messages, usedFiles, timings, facts, highlighted: [] } satisfies LessonFactsOutcome);
      cache.write("lesson", input.key, { dependencies, outcome: key } satisfies LessonEntry);
      cache.write("latest", latestKey(cache, folder), key);
      outcomes.set(folder.slug, key);
      return bodyKept;
    },
  };
}
