import type { HtmlUrlStore, WrittenUrl } from "../render/html-file-links.js";
import { htmlUrlsKey } from "./keys.js";
import type { BuildCache } from "./store.js";

/** The build cache as the store of the URLs found in published HTML files. */
export function htmlUrlStore(cache: BuildCache): HtmlUrlStore {
  return {
    hash: (file) => cache.hashFile(file),
    read: (hash) => cache.read<WrittenUrl[]>("html-urls", htmlUrlsKey(cache, hash)),
    write(hash, urls) {
      cache.write("html-urls", htmlUrlsKey(cache, hash), urls);
    },
  };
}
