import type { HtmlUrlStore, WrittenUrl } from "../render/html-file-links.js";
import { hashParts } from "../project/hash.js";
import type { BuildCache } from "./cache.js";

/** The build cache as the store of the URLs found in published HTML files, with the keys of the entries this build used. */
export function htmlUrlStore(cache: BuildCache): HtmlUrlStore & { used: Set<string> } {
  const used = new Set<string>();
  // The generator is part of the key: another version may find other URLs in the same bytes.
  const keyOf = (hash: string) => hashParts([cache.fingerprint, "html-urls", hash]);
  return {
    used,
    hash: (file) => cache.hashFile(file),
    read(hash) {
      const key = keyOf(hash);
      const urls = cache.read<WrittenUrl[]>("html-urls", key);
      if (urls) used.add(key);
      return urls;
    },
    write(hash, urls) {
      const key = keyOf(hash);
      cache.write("html-urls", key, urls);
      used.add(key);
    },
  };
}
