import { createIndex, type PagefindServiceConfig } from "pagefind";
import type { VFile } from "vfile";
import { hashParts } from "../project/hash.js";
import { report } from "../diagnostics/report.js";
import type { OutputFile } from "./output.js";

/** The folder of the site that holds the search index and pagefind's client script (`pagefind/pagefind.js`). */
export const searchFolder = "pagefind";

/** Pagefind's ready-made search interfaces: the site has its own (`assets/site.js` on `pagefind.js`), so they are left out. */
const unusedBundles = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

const config: PagefindServiceConfig = {
  // Every link in the site names `index.html`, so that it also works from file://; results do the same.
  keepIndexUrl: true,
  // Buttons ("Copy") are controls, not content. A code block's caption (its file name) would run into the
  // code's first line in an excerpt ("build.sh$ docker build"). Navigation is marked `data-pagefind-ignore`
  // in the templates.
  excludeSelectors: ["button", "figure.data-file > figcaption", "figure.code > figcaption"],
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

/**
 * How many indexed pages make one part of the search index. Each part is
 * its own pagefind index, cached by the pages in it, and the browser merges
 * the parts: after one lesson is edited, only its part is indexed again.
 */
export const pagesPerPart = 20;

/** The list of parts besides the first (which is `pagefind/` itself), for the browser to merge: `pagefind/parts.json`. */
const partsFile = `${searchFolder}/parts.json`;

/** The folder of part `at` inside the search folder: `""` for the first, then `part-1/`, `part-2/`, … */
function partFolder(at: number): string {
  return at === 0 ? "" : `part-${at}/`;
}

/** A page offered to the search index: read only when its part must be indexed again. */
export interface SearchPage {
  path: string;
  /** Whether it has a `data-pagefind-body`. */
  searchable: boolean;
  /** The hash of its bytes, when the caller knows it (a page kept in the cache). */
  hash?: string | undefined;
  text(): string;
}

/** A search index that takes pages while they are rendered; see {@link startSearchIndex}. */
export interface SearchIndexer {
  /** Offer a page of the site (only HTML pages are indexed); returns at once. */
  add(page: SearchPage): void;
  /** The index files, once every page added so far is indexed. */
  finish(): Promise<OutputFile[]>;
}

/** A file of the search index, relative to its part's folder. */
export interface IndexFile {
  path: string;
  contents: Uint8Array;
}

/**
 * Where parts built by an earlier build are kept (the build cache gives
 * one). A part is named by what it was built from: the indexer's settings
 * and each page's path and hash.
 */
export interface SearchPartStore {
  /** A part's files, or undefined when the store does not hold them all. */
  read(inputs: string[]): IndexFile[] | undefined;
  write(inputs: string[], files: IndexFile[]): void;
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
 * The indexed pages are cut, in the order they come, into parts of
 * {@link pagesPerPart}; each part is a pagefind index of its own, the first
 * in `pagefind/`, the others in `pagefind/part-N/`, listed in
 * `pagefind/parts.json` for the browser to merge (`assets/site.js`). A part
 * starts as soon as its last page comes, on pagefind's own process, so
 * indexing overlaps rendering. With a `store`, a part whose pages are the
 * same bytes as in an earlier build is taken from it instead.
 *
 * `finish` returns the files under `pagefind/`, sorted by path; pagefind
 * names its files by content hash, so the same pages give the same bytes.
 * Problems are warnings on `file`: the site is still usable without search,
 * and the search box says so.
 */
export function startSearchIndex(file: VFile, store?: SearchPartStore): SearchIndexer {
  let marked = false;
  const unmarked: SearchPage[] = [];
  let filling: SearchPage[] = [];
  const parts: Promise<IndexFile[]>[] = [];
  const problem = (message: string) => report(file, "search-index", message);

  const indexPart = async (pages: SearchPage[]): Promise<IndexFile[]> => {
    const inputs = store && [JSON.stringify(config), ...pages.flatMap((page) => [page.path, page.hash ?? hashParts([page.text()])])];
    const found = store && inputs ? store.read(inputs) : undefined;
    if (found) return found;
    const created = await createIndex(config);
    for (const error of created.errors) problem(`cannot start the search indexer: ${error}`);
    const index = created.index;
    if (!index) return [];
    try {
      for (const page of pages) {
        const added = await index.addHTMLFile({ url: `/${page.path}`, content: plainCode(page.text()) });
        for (const error of added.errors) problem(`cannot index ${page.path}: ${error}`);
      }
      const built = await index.getFiles();
      for (const error of built.errors) problem(`cannot build the search index: ${error}`);
      const files = built.files
        .filter((indexFile) => !unusedBundles.test(indexFile.path))
        .map((indexFile) => ({ path: indexFile.path, contents: indexFile.content }));
      if (store && inputs && built.errors.length === 0) store.write(inputs, files);
      return files;
    } finally {
      // Free the indexer's memory; a failure here must not hide a problem reported above.
      await index.deleteIndex().catch(() => null);
    }
  };
  const seal = (pages: SearchPage[]) => {
    const at = parts.length;
    const part = indexPart(pages).then(
      (files) => files.map((indexFile) => ({ path: `${searchFolder}/${partFolder(at)}${indexFile.path}`, contents: indexFile.contents })),
      (error: unknown) => {
        problem(`cannot build the search index: ${(error as Error).message}`);
        return [];
      },
    );
    parts.push(part);
  };
  const take = (page: SearchPage) => {
    filling.push(page);
    if (filling.length === pagesPerPart) {
      seal(filling);
      filling = [];
    }
  };
  return {
    add(page) {
      if (!page.path.endsWith(".html")) return;
      // Pagefind drops every page without `data-pagefind-body` once one page has it: not sending those saves parsing them (same index).
      if (page.searchable) {
        marked = true;
        take(page);
      } else if (!marked) {
        unmarked.push(page);
      }
    },
    async finish() {
      if (!marked) for (const page of unmarked) take(page);
      if (filling.length > 0 || parts.length === 0) seal(filling);
      filling = [];
      const built = (await Promise.all(parts)).flat();
      const others = parts.slice(1).map((_part, at) => partFolder(at + 1).slice(0, -1));
      return [...built, { path: partsFile, contents: `${JSON.stringify(others)}\n` }].sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      );
    },
  };
}
