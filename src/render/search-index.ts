import { createIndex, type PagefindIndex, type PagefindServiceConfig } from "pagefind";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import type { OutputFile } from "./output.js";

/** The folder of the site that holds the search index and pagefind's client script (`pagefind/pagefind.js`). */
export const searchFolder = "pagefind";

/** Pagefind's ready-made search interfaces: the site has its own (`assets/site.js` on `pagefind.js`), so they are left out. */
const unusedBundles = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

const config: PagefindServiceConfig = {
  // Every link in the site names `index.html`, so that it also works from file://; results do the same.
  keepIndexUrl: true,
  // Buttons ("Copy") are controls, not content. Navigation is marked `data-pagefind-ignore` in the templates.
  excludeSelectors: ["button"],
};

/**
 * The page with the markup inside each `<pre>` removed: highlighted code is a
 * `<span>` per token, which pagefind would parse only to find the same text.
 * The index comes out the same, and pagefind has ~45 % less HTML to read.
 */
function plainCode(html: string): string {
  return html.replace(
    /(<pre\b[^>]*>)([\s\S]*?)(<\/pre>)/g,
    (_match, open: string, code: string, close: string) => open + code.replace(/<[^>]*>/g, "") + close,
  );
}

/** A search index that takes pages while they are rendered; see {@link startSearchIndex}. */
export interface SearchIndexer {
  /** Offer a page of the site (only HTML pages are indexed); returns at once. */
  add(page: OutputFile): void;
  /** The index files, once every page added so far is indexed. */
  finish(): Promise<OutputFile[]>;
}

/**
 * Build the full-text search index of the rendered HTML pages, in memory,
 * with pagefind's Node API (it runs pagefind's binary from the
 * `@pagefind/<platform>` package; nothing is downloaded). Pages with a
 * `data-pagefind-body` element contribute only that element; once any page
 * has one, pages without it (home, slides) are left out. Each result's URL is
 * the page's site path with a leading `/`, which `pagefind.js` resolves
 * against the folder it was loaded from, so search works under any sub-path.
 *
 * Pages are sent one at a time, in the order they were added, as they come:
 * pagefind works in its own process, so a caller that adds each page as it
 * renders it (and lets the event loop run between pages) gets the index
 * built on another CPU meanwhile.
 *
 * `finish` returns the index and `pagefind.js` as files under `pagefind/`,
 * sorted by path; pagefind names its files by content hash, so the same
 * pages give the same bytes. Problems are warnings on `file`: the site is
 * still usable without search, and the search box says so.
 */
export function startSearchIndex(file: VFile): SearchIndexer {
  const starting: Promise<PagefindIndex | undefined> = createIndex(config).then(
    (created) => {
      for (const error of created.errors) report(file, "search-index", `cannot start the search indexer: ${error}`);
      return created.index;
    },
    (error: unknown) => {
      report(file, "search-index", `cannot build the search index: ${(error as Error).message}`);
      return undefined;
    },
  );
  let sent: Promise<void> = Promise.resolve();
  let marked = false;
  const unmarked: { path: string; contents: string }[] = [];
  const send = (page: { path: string; contents: string }) => {
    sent = sent.then(async () => {
      const index = await starting;
      if (!index) return;
      const added = await index.addHTMLFile({ url: `/${page.path}`, content: plainCode(page.contents) });
      for (const error of added.errors) report(file, "search-index", `cannot index ${page.path}: ${error}`);
    });
  };
  return {
    add(page) {
      if (!page.path.endsWith(".html") || !("contents" in page) || typeof page.contents !== "string") return;
      const html = { path: page.path, contents: page.contents };
      // Pagefind drops every page without `data-pagefind-body` once one page has it: not sending those saves parsing them (same index).
      if (html.contents.includes("data-pagefind-body")) {
        marked = true;
        send(html);
      } else if (!marked) {
        unmarked.push(html);
      }
    },
    async finish() {
      try {
        if (!marked) for (const page of unmarked) send(page);
        await sent;
        const index = await starting;
        if (!index) return [];
        const built = await index.getFiles();
        for (const error of built.errors) report(file, "search-index", `cannot build the search index: ${error}`);
        return built.files
          .filter((indexFile) => !unusedBundles.test(indexFile.path))
          .map((indexFile) => ({ path: `${searchFolder}/${indexFile.path}`, contents: indexFile.content }))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      } catch (error) {
        report(file, "search-index", `cannot build the search index: ${(error as Error).message}`);
        return [];
      } finally {
        // Free the indexer's memory; a failure here must not hide the problem reported above.
        await (await starting)?.deleteIndex().catch(() => null);
      }
    },
  };
}

/** The search index of `pages` (see {@link startSearchIndex}). */
export async function searchIndex(pages: readonly OutputFile[], file: VFile): Promise<OutputFile[]> {
  const indexer = startSearchIndex(file);
  for (const page of pages) indexer.add(page);
  return indexer.finish();
}
