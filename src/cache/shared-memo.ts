import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { rules, type RuleId } from "../diagnostics/rules.js";
import { restoreMessages, serializeMessages, type SerializedMessage } from "../diagnostics/serialized-messages.js";
import type { SharedMemo } from "../pipeline/memo.js";
import { sharedFiles, type SharedDocuments } from "../pipeline/shared-stage.js";
import type { RootPage } from "../site/shared-documents.js";
import type { BuildCache } from "./store.js";

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

function save(file: VFile): SavedFile;
function save(file: VFile | undefined): SavedFile | undefined;
function save(file: VFile | undefined): SavedFile | undefined {
  return file ? { path: file.path, text: String(file.value), messages: serializeMessages(file.messages) } : undefined;
}

function restore(root: string, saved: SavedFile): VFile;
function restore(root: string, saved: SavedFile | undefined): VFile | undefined;
function restore(root: string, saved: SavedFile | undefined): VFile | undefined {
  if (!saved) return undefined;
  const file = new VFile({ path: saved.path, cwd: root, value: saved.text });
  restoreMessages(file, saved.messages);
  return file;
}

/** The shared documents' memo, and whether what the build has of them is kept (a site is stored only then). */
export interface CachedShared extends SharedMemo {
  readonly kept: boolean;
}

/**
 * The cache as the shared documents' memo, under `key` (see `sharedKey`).
 * Documents that used or missed another file (an image, a data file),
 * which the key does not cover, are not kept.
 */
export function sharedMemo(cache: BuildCache, key: string, root: string): CachedShared {
  let kept = false;
  return {
    get kept() {
      return kept;
    },
    read() {
      const entry = cache.read<SharedEntry>("shared", key);
      if (!entry) return undefined;
      kept = true;
      return {
        home: { file: restore(root, entry.home.file), value: entry.home.value },
        glossary: { file: restore(root, entry.glossary.file), value: entry.glossary.value },
        bibliography: { file: restore(root, entry.bibliography.file), value: entry.bibliography.value },
        pages: entry.pages.map((page) => ({ file: restore(root, page.file), value: page.value })),
      };
    },
    keep(shared) {
      const storable = sharedFiles(shared).every((file) => (file.data.usedFiles ?? []).length === 0 && !file.messages.some(seesOtherFiles));
      if (!storable) return;
      cache.write("shared", key, {
        home: { file: save(shared.home.file), value: shared.home.value },
        glossary: { file: save(shared.glossary.file), value: shared.glossary.value },
        bibliography: { file: save(shared.bibliography.file), value: shared.bibliography.value },
        pages: shared.pages.map((page) => ({ file: save(page.file), value: page.value })),
      } satisfies SharedEntry);
      kept = true;
    },
  };
}
