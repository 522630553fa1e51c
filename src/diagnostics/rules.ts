/**
 * Every diagnostic the generator can report, with its default severity.
 *
 * A course that built with the older tool must build on day one, so the
 * mistakes that tool tolerated are warnings as long as no text is lost:
 * `fence-unclosed` (the runaway block is shown as written), `glossary-marker`
 * and `glossary-term-key` (the entry is still defined and listed) and
 * `data-file-unused`.
 */
export const rules = {
  "front-matter": { severity: "error", summary: "front matter is not valid YAML or has a field of the wrong type" },
  "lesson-title": { severity: "error", summary: "a lesson has no title (no `title:` and no `# ` heading)" },
  "lesson-unknown": { severity: "error", summary: "the home page's `lessons:` list names a folder that does not exist" },
  "lesson-duplicate": { severity: "warning", summary: "the home page's `lessons:` list names a lesson twice" },
  "lesson-slug": { severity: "error", summary: "a lesson folder has the name of a part of the generated site (glossary, assets, …)" },
  "heading-class": { severity: "warning", summary: "a heading attribute list has an unknown class" },
  "heading-attributes": { severity: "error", summary: "a heading attribute list cannot be parsed" },
  "section-duplicate-id": { severity: "error", summary: "two sections of one lesson have the same id" },
  "solution-orphan": { severity: "warning", summary: "a solution section does not follow an exercise" },
  "data-file-missing": { severity: "error", summary: "a `data-file` block names a file that does not exist" },
  "data-file-escape": { severity: "error", summary: "a `data-file` path leaves the lesson's data folder" },
  "data-file-region": { severity: "error", summary: "a `data-file` region has no matching markers in the file" },
  "data-file-drift": { severity: "warning", summary: "a `data-file` block body differs from the file" },
  "data-file-syntax": { severity: "error", summary: "a `{data-file=…}` fence attribute cannot be parsed" },
  "fence-unclosed": {
    severity: "warning",
    summary: "a fenced block runs on past a closer indented 4+ spaces or written at the end of a code line (shown as written)",
  },
  "data-file-unused": {
    severity: "warning",
    summary: "files in a lesson's data folder are used by no block, figure, table, link, image or raw HTML (one line per lesson)",
  },
  "glossary-key": { severity: "error", summary: "a `g:` link names a key the glossary does not define" },
  "glossary-duplicate": { severity: "error", summary: "the glossary defines a key twice" },
  "glossary-entry": { severity: "error", summary: "a glossary entry is malformed" },
  "glossary-marker": {
    severity: "warning",
    summary: "a glossary entry's definition has no `:   ` marker (the entry is still defined)",
  },
  "glossary-term-key": {
    severity: "warning",
    summary: "a glossary term has no `<span id>` and is not a see-also entry (it is listed under a key made from its text)",
  },
  "glossary-unused": { severity: "warning", summary: "a glossary entry is linked from no lesson" },
  "bib-key": { severity: "error", summary: "a `b:` link names a key the bibliography does not define" },
  "bib-duplicate": { severity: "error", summary: "the bibliography defines a key twice" },
  "bib-entry": { severity: "error", summary: "a bibliography entry is malformed" },
  "bib-unused": { severity: "warning", summary: "a bibliography entry is cited by no lesson" },
  "link-malformed": { severity: "error", summary: "text that looks like a broken link (`](g:`, `](b:`, …)" },
  "link-reference": { severity: "error", summary: "a reference-style link names an undefined reference" },
  "link-target": {
    severity: "warning",
    summary: "a link or image names a local file or page that does not exist, or one outside the project (shown as its text)",
  },
  "links-file": { severity: "error", summary: "the shared links file has an entry that cannot be read" },
  "shortcode-syntax": { severity: "error", summary: "a `[% … %]` shortcode is malformed or unclosed" },
  "shortcode-unknown": { severity: "error", summary: "a shortcode name is not known" },
  "shortcode-attribute": { severity: "error", summary: "a shortcode attribute is missing, unknown or repeated" },
  "figure-image": { severity: "error", summary: "a figure's image does not exist or leaves the lesson folder" },
  "figure-duplicate": { severity: "error", summary: "two figures or tables share a slug" },
  "figure-ref": { severity: "error", summary: "a `[%f]` reference names an unknown figure" },
  "table-file": { severity: "error", summary: "a table's `.tbl` file does not exist or holds no table" },
  "table-ref": { severity: "error", summary: "a `[%t]` reference names an unknown table" },
  "lesson-ref": { severity: "error", summary: "a `[%x]` reference names an unknown lesson" },
  template: { severity: "error", summary: "a template cannot be rendered" },
  "search-index": { severity: "warning", summary: "the full-text search index cannot be built (the site works without search)" },
  "file-read": { severity: "error", summary: "a file cannot be read as UTF-8 text" },
  "input-limit": {
    severity: "error",
    summary: "input beyond what is read in bounded time and memory (deep nesting, huge paragraphs or files)",
  },
} as const;

/** The id of a rule, e.g. `glossary-key`. */
export type RuleId = keyof typeof rules;

/** How bad a diagnostic is. */
export type Severity = "error" | "warning";
