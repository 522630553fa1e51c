/**
 * Every kind of entry the cache keeps, each in a folder of its own, with
 * what an entry holds. A build marks each entry it reads, writes or relies
 * on as used (`BuildCache.use`), and after storing its site the cache
 * forgets, kind by kind, every entry that build did not use: a kind added
 * here is pruned like the others.
 */
export const entryKinds = {
  lesson: "a lesson's inputs → the files it read, with their hashes, and its outcome's key",
  latest: "a lesson's path → the key of its latest outcome, whose highlighted code an edit reuses",
  facts: "a lesson's outcome with its facts instead of its document: diagnostics, files read, facts",
  body: "a lesson's body, which its pages show",
  highlights: "the code blocks a lesson's reading highlighted, which reading it again after an edit reuses",
  shared: "the home page, glossary, bibliography and root pages as read",
  page: "a rendered page: its blob and whether search indexes it",
  search: "a part of the search index: its files, as blobs",
  "html-urls": "the URLs found in a published HTML file's bytes",
  site: "a whole build: every output file and every diagnostic",
  blob: "bytes named by their hash: pages, search files",
} as const;

export type EntryKind = keyof typeof entryKinds;

/** The kinds, in a fixed order. */
export const allEntryKinds = Object.keys(entryKinds) as EntryKind[];
