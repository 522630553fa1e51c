import { isSearchable } from "../pipeline/page-stage.js";
import type { KeptPage, PageMemo } from "../pipeline/memo.js";
import type { PageSpec } from "../render/pages.js";
import { pageKey } from "./keys.js";
import type { BuildCache } from "./store.js";

/** A rendered page as the cache keeps it: its blob's hash and whether search indexes it. */
type PageEntry = Omit<KeptPage, "file">;

/**
 * The cache as the page stage's memo: a page is kept under its key (see
 * `pageKey`), its bytes as a blob, which the output copies. `templates` is
 * the templates' key; `lessonOutcome` gives the key of a lesson's outcome.
 */
export function pageMemo(cache: BuildCache, templates: string, lessonOutcome: (slug: string) => string | undefined): PageMemo {
  /** Each page's key, worked out when the page is read and used again when it is kept. */
  const keys = new WeakMap<PageSpec, string | undefined>();
  const keyOf = (page: PageSpec) => {
    if (!keys.has(page))
      keys.set(page, pageKey(cache, templates, page, page.lesson === undefined ? undefined : lessonOutcome(page.lesson)));
    return keys.get(page);
  };
  return {
    read(page) {
      const key = keyOf(page);
      const entry = key === undefined ? undefined : cache.read<PageEntry>("page", key);
      const file = entry && cache.blobFile(entry.hash);
      return entry && file ? { ...entry, file } : undefined;
    },
    keep(page, contents) {
      const key = keyOf(page);
      if (key === undefined) return undefined;
      const entry: PageEntry = { hash: cache.writeBlob(contents), searchable: isSearchable(contents) };
      const file = cache.blobFile(entry.hash);
      if (!file) return undefined;
      cache.write("page", key, entry);
      return { ...entry, file };
    },
    text: (page) => cache.blobText(page.hash),
  };
}
