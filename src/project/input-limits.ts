/**
 * How far Markdown may go before the parser's time or stack would grow out of
 * bounds. Far beyond any real lesson: the CommonMark parser takes time that
 * grows faster than the input with the depth of nested lists and block quotes
 * and with the number of brackets and emphasis marks in one paragraph, and
 * turning a tree into HTML recurses once per level.
 */
export const inputLimits = {
  /** Lists and block quotes nested deeper than this. */
  containerDepth: 32,
  /** `[`, `]`, `*`, `_` and backticks in one paragraph (a table row counts on its own). */
  inlineMarks: 5000,
  /** Levels of the syntax tree (emphasis in links in lists …). */
  treeDepth: 200,
  /** Bytes of a Markdown, BibTeX or links file: parsing takes some 150 bytes of memory per byte. */
  sourceBytes: 2 * 1024 * 1024,
  /** Bytes of a file shown in a `data-file` block or included as a table, all of which is highlighted or parsed. */
  shownFileBytes: 1024 * 1024,
} as const;

/** A size in bytes for a diagnostic: `2 MB`, `340 kB`. */
export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
