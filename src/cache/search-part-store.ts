import type { IndexFile, SearchPartStore } from "../render/search-index.js";
import { searchPartKey } from "./keys.js";
import type { BuildCache } from "./store.js";

/** One part as the cache keeps it: its files, as blobs. */
type PartEntry = { path: string; blob: string }[];

/** The build cache as the search index's store of parts: an entry per part, each file a blob. */
export function searchPartStore(cache: BuildCache): SearchPartStore {
  return {
    read(inputs) {
      const entry = cache.read<PartEntry>("search", searchPartKey(cache, inputs));
      if (!entry) return undefined;
      const files: IndexFile[] = [];
      for (const { path, blob } of entry) {
        const contents = cache.blob(blob);
        if (!contents) return undefined;
        files.push({ path, contents });
      }
      return files;
    },
    write(inputs, files) {
      const entry: PartEntry = files.map((file) => ({ path: file.path, blob: cache.writeBlob(file.contents) }));
      cache.write("search", searchPartKey(cache, inputs), entry);
    },
  };
}
