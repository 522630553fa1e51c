import type { IndexFile, SearchPartStore } from "../render/search-index.js";
import type { BuildCache } from "./cache.js";

/** One part as the cache keeps it: its files, as blobs. */
type PartEntry = { path: string; blob: string }[];

/** The build cache as the search index's store of parts: an entry per part, each file a blob. */
export function searchPartStore(cache: BuildCache): SearchPartStore {
  return {
    fingerprint: cache.fingerprint,
    read(key) {
      const entry = cache.read<PartEntry>("search", key);
      if (!entry) return undefined;
      const files: IndexFile[] = [];
      for (const { path, blob } of entry) {
        const contents = cache.blob(blob);
        if (!contents) return undefined;
        files.push({ path, contents });
      }
      return files;
    },
    write(key, files) {
      cache.write("search", key, files.map((file) => ({ path: file.path, blob: cache.writeBlob(file.contents) })) satisfies PartEntry);
    },
  };
}
