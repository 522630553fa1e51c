import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { rules, type RuleId } from "../diagnostics/rules.js";
import type { DocumentOptions } from "../html/lesson-document.js";
import type { ProjectLayout } from "../project/layout.js";
import type { readBibliography, readGlossary, readHome, RootPage } from "../site/shared-documents.js";
import type { BuildCache } from "./cache.js";
import { hashParts } from "../project/hash.js";
import { restoreMessages, serializeMessages, type SerializedMessage } from "./messages.js";
import { fileText } from "./site-cache.js";

/** The home page, glossary, bibliography and root pages after the document stage. */
export interface SharedDocuments {
  home: { file: VFile | undefined; value: Awaited<ReturnType<typeof readHome>>["value"] };
  glossary: Awaited<ReturnType<typeof readGlossary>>;
  bibliography: Awaited<ReturnType<typeof readBibliography>>;
  pages: { file: VFile; value: RootPage }[];
}

interface SavedFile {
  path: string;
  text: string;
  messages: SerializedMessage[];
}

/** The cached form: each value as plain data, each file as its path, text and messages. */
interface SharedEntry {
  home: { file: SavedFile | undefined; value: SharedDocuments["home"]["value"] };
  glossary: { file: SavedFile | undefined; value: SharedDocuments["glossary"]["value"] };
  bibliography: { file: SavedFile | undefined; value: SharedDocuments["bibliography"]["value"] };
  pages: { file: SavedFile; value: RootPage }[];
}

/** A message whose rule depends on which other files exist: its document is not cached, since the key holds no listing. */
function seesOtherFiles(message: VFileMessage): boolean {
  return message.ruleId !== undefined && message.ruleId in rules && rules[message.ruleId as RuleId].seesOtherFiles;
}

/**
 * The key of the shared documents: their paths and texts, the shared links,
 * the older tool's `pyproject.toml` (whose renames move root pages, and
 * whose problems are reported with the site), the course's configuration
 * (which every page shows; by its text and its settings, which say which
 * of the files it names exist) and the generator.
 */
export function sharedKey(cache: BuildCache, layout: ProjectLayout, sharedDefinitions: string): string {
  const files = [layout.home, layout.glossary, layout.bibliography, ...layout.pages, ...layout.pagesWhenLinked];
  return hashParts([
    cache.fingerprint,
    "shared",
    layout.root,
    layout.contentDir,
    sharedDefinitions,
    String(layout.pages.length),
    String(layout.pagesWhenLinked.length),
    layout.older?.file ? String(layout.older.file.value) : "(no older configuration)",
    layout.config.file ? String(layout.config.file.value) : "(no configuration)",
    JSON.stringify(layout.config.settings),
    ...files.flatMap((file) => [file ?? "-", fileText(file)]),
  ]);
}

function save(file: VFile | undefined): SavedFile | undefined {
  return file ? { path: file.path, text: String(file.value), messages: serializeMessages(file.messages) } : undefined;
}

function restore(root: string, saved: SavedFile | undefined): VFile | undefined {
  if (!saved) return undefined;
  const file = new VFile({ path: saved.path, cwd: root, value: saved.text });
  restoreMessages(file, saved.messages);
  return file;
}

/** The shared documents from the cache, or undefined. */
export function cachedSharedDocuments(cache: BuildCache, key: string, root: string): SharedDocuments | undefined {
  const entry = cache.read<SharedEntry>("shared", key);
  if (!entry) return undefined;
  return {
    home: { file: restore(root, entry.home.file), value: entry.home.value },
    glossary: { file: restore(root, entry.glossary.file), value: entry.glossary.value },
    bibliography: { file: restore(root, entry.bibliography.file), value: entry.bibliography.value },
    pages: entry.pages.map((page) => ({
      file: restore(root, page.file) ?? new VFile({ path: page.file.path, cwd: root }),
      value: page.value,
    })),
  };
}

/**
 * Read the home page, glossary and bibliography through the document stage
 * and store them under `key`, unless one of them used or missed another
 * file (an image, a data file), which the key does not cover. Returns
 * whether they were stored.
 */
export async function readSharedDocuments(
  layout: ProjectLayout,
  options: DocumentOptions,
  cache: { cache: BuildCache; key: string } | undefined,
): Promise<{ shared: SharedDocuments; stored: boolean }> {
  const { readBibliography, readGlossary, readHome, readRootPage } = await import("../site/shared-documents.js");
  const shared: SharedDocuments = {
    home: await readHome(layout, options),
    glossary: await readGlossary(layout, options),
    bibliography: await readBibliography(layout, options),
    pages: [],
  };
  for (const page of layout.pages) shared.pages.push(await readRootPage(layout, page, options));
  for (const page of layout.pagesWhenLinked) shared.pages.push(await readRootPage(layout, page, options, true));
  const files = [shared.home.file, shared.glossary.file, shared.bibliography.file, ...shared.pages.map((page) => page.file)].filter(
    (file): file is VFile => file !== undefined,
  );
  const storable = files.every((file) => (file.data.usedFiles ?? []).length === 0 && !file.messages.some(seesOtherFiles));
  if (!cache || !storable) return { shared, stored: false };
  cache.cache.write("shared", cache.key, {
    home: { file: save(shared.home.file), value: shared.home.value },
    glossary: { file: save(shared.glossary.file), value: shared.glossary.value },
    bibliography: { file: save(shared.bibliography.file), value: shared.bibliography.value },
    pages: shared.pages.map((page) => ({
      file: { path: page.file.path, text: String(page.file.value), messages: serializeMessages(page.file.messages) },
      value: page.value,
    })),
  } satisfies SharedEntry);
  return { shared, stored: true };
}
