/** What the generator knows of each diagnostic. */
interface Rule {
  severity: Severity;
  summary: string;
  /**
   * Whether the rule's outcome depends on which other project files exist
   * (a missing image, an escaping path), not only on the text of the file
   * it is reported in: a document with such a message is read again on the
   * next build instead of being taken from the cache by its text.
   */
  seesOtherFiles: boolean;
  /**
   * A lint that changes nothing a reader sees (an unused file or entry):
   * reported by `lessons check` only, not by `build` or `dev`.
   */
  checkOnly?: true;
}

/**
 * Every diagnostic the generator can report, with its default severity.
 *
 * A course that built with the older tool must build on day one, so the
 * mistakes that tool tolerated are warnings as long as no text is lost:
 * `fence-unclosed` and `html-unclosed` (the block is read as closed where its
 * author meant),
 * `glossary-marker` and `glossary-term-key` (the entry is still defined and
 * listed).
 */
export const rules = {
  "no-lessons": { severity: "error", summary: "the project has no lesson folder (nothing is built)", seesOtherFiles: false },
  "front-matter": { severity: "error", summary: "front matter is not valid YAML or has a field of the wrong type", seesOtherFiles: false },
  "front-matter-key": {
    severity: "warning",
    summary: "front matter has a field lessons does not know (it is ignored)",
    seesOtherFiles: false,
  },
  "lesson-title": { severity: "error", summary: "a lesson has no title (no `title:` and no `# ` heading)", seesOtherFiles: false },
  "lesson-unknown": {
    severity: "error",
    summary: "the home page's `lessons:` list names a folder that does not exist",
    seesOtherFiles: false,
  },
  "lesson-unlisted": {
    severity: "warning",
    summary: "a lesson folder is not in the home page's `lessons:` list (the site leaves it out; its problems are still reported)",
    seesOtherFiles: false,
  },
  "lesson-duplicate": { severity: "warning", summary: "the home page's `lessons:` list names a lesson twice", seesOtherFiles: false },
  "lesson-slug": {
    severity: "error",
    summary: "a lesson folder has the name of a part of the generated site (glossary, assets, …)",
    seesOtherFiles: false,
  },
  "heading-class": { severity: "warning", summary: "a heading attribute list has an unknown class", seesOtherFiles: false },
  "heading-attributes": { severity: "error", summary: "a heading attribute list cannot be parsed", seesOtherFiles: false },
  "section-duplicate-id": { severity: "error", summary: "two sections of one lesson have the same id", seesOtherFiles: false },
  "solution-orphan": { severity: "warning", summary: "a solution section does not follow an exercise", seesOtherFiles: false },
  "data-file-missing": { severity: "error", summary: "a `data-file` block names a file that does not exist", seesOtherFiles: true },
  "data-file-escape": { severity: "error", summary: "a `data-file` path leaves the lesson's data folder", seesOtherFiles: true },
  "data-file-region": { severity: "error", summary: "a `data-file` region has no matching markers in the file", seesOtherFiles: false },
  "data-file-drift": { severity: "warning", summary: "a `data-file` block body differs from the file", seesOtherFiles: false },
  "data-file-syntax": { severity: "error", summary: "a `{data-file=…}` fence attribute cannot be parsed", seesOtherFiles: false },
  "fence-unclosed": {
    severity: "warning",
    summary: "a fenced block's closer is indented 4+ spaces or written at the end of a code line (the block is read as closed there)",
    seesOtherFiles: false,
  },
  "html-unclosed": {
    severity: "warning",
    summary:
      "an HTML block that ends only at its closer (`<pre>`, `<!--`, …) is left open at the end of the file (it is read as closed there)",
    seesOtherFiles: false,
  },
  "data-file-unused": {
    severity: "warning",
    summary:
      "files in a lesson's data folder are used by no block, figure, table, link, image or raw HTML (one line per lesson; not in the older layout, which publishes them all)",
    seesOtherFiles: false,
    checkOnly: true,
  },
  "glossary-key": { severity: "error", summary: "a `g:` link names a key the glossary does not define", seesOtherFiles: false },
  "glossary-duplicate": { severity: "error", summary: "the glossary defines a key twice", seesOtherFiles: false },
  "glossary-entry": { severity: "error", summary: "a glossary entry is malformed", seesOtherFiles: false },
  "glossary-marker": {
    severity: "warning",
    summary: "a glossary entry's definition has no `:   ` marker (the entry is still defined)",
    seesOtherFiles: false,
  },
  "glossary-term-key": {
    severity: "warning",
    summary: "a glossary term has no `<span id>` and is not a see-also entry (it is listed under a key made from its text)",
    seesOtherFiles: false,
  },
  "glossary-unused": { severity: "warning", summary: "a glossary entry is linked from no lesson", seesOtherFiles: false, checkOnly: true },
  "bib-key": { severity: "error", summary: "a `b:` link names a key the bibliography does not define", seesOtherFiles: false },
  "bib-duplicate": { severity: "error", summary: "the bibliography defines a key twice", seesOtherFiles: false },
  "bib-entry": { severity: "error", summary: "a bibliography entry is malformed", seesOtherFiles: false },
  "bib-unused": { severity: "warning", summary: "a bibliography entry is cited by no lesson", seesOtherFiles: false, checkOnly: true },
  "link-malformed": { severity: "error", summary: "text that looks like a broken link (`](g:`, `](b:`, …)", seesOtherFiles: false },
  "link-reference": { severity: "error", summary: "a reference-style link names an undefined reference", seesOtherFiles: false },
  "link-target": {
    severity: "warning",
    summary:
      "a link or image names a local file or page that does not exist, or one outside the project (shown as its text); or a relative URL in an HTML file an older course publishes leads to nothing in the site",
    seesOtherFiles: true,
  },
  "older-config": {
    severity: "error",
    summary: "the `[tool.mccole]` table of an older-layout course's pyproject.toml cannot be read, or a rename is not a file name",
    seesOtherFiles: false,
  },
  config: {
    severity: "error",
    summary:
      "lessons.yml (or an older course's [tool.lessons]) is not valid YAML, or a setting has the wrong type or value (it is left at its default)",
    seesOtherFiles: false,
  },
  "config-key": { severity: "warning", summary: "lessons.yml has a key lessons does not know (it is ignored)", seesOtherFiles: false },
  "config-file": {
    severity: "error",
    summary: "a file that lessons.yml names (`logo`, `favicon`, `css`) does not exist or is outside the project",
    seesOtherFiles: true,
  },
  "links-file": { severity: "error", summary: "the shared links file has an entry that cannot be read", seesOtherFiles: false },
  "shortcode-syntax": { severity: "error", summary: "a `[% … %]` shortcode is malformed or unclosed", seesOtherFiles: false },
  "shortcode-unknown": { severity: "error", summary: "a shortcode name is not known", seesOtherFiles: false },
  "shortcode-attribute": { severity: "error", summary: "a shortcode attribute is missing, unknown or repeated", seesOtherFiles: false },
  "figure-image": { severity: "error", summary: "a figure's image does not exist or leaves the lesson folder", seesOtherFiles: true },
  "figure-duplicate": { severity: "error", summary: "two figures or tables share a slug", seesOtherFiles: false },
  "figure-ref": { severity: "error", summary: "a `[%f]` reference names an unknown figure", seesOtherFiles: false },
  "table-file": { severity: "error", summary: "a table's `.tbl` file does not exist or holds no table", seesOtherFiles: true },
  "table-ref": { severity: "error", summary: "a `[%t]` reference names an unknown table", seesOtherFiles: false },
  "lesson-ref": { severity: "error", summary: "a `[%x]` reference names an unknown lesson", seesOtherFiles: false },
  template: { severity: "error", summary: "a template cannot be rendered", seesOtherFiles: false },
  "search-index": {
    severity: "warning",
    summary: "the full-text search index cannot be built (the site works without search)",
    seesOtherFiles: false,
  },
  "file-read": { severity: "error", summary: "a file cannot be read as UTF-8 text", seesOtherFiles: true },
  "input-limit": {
    severity: "error",
    summary: "input beyond what is read in bounded time and memory (deep nesting, huge paragraphs or files)",
    seesOtherFiles: false,
  },
} as const satisfies Record<string, Rule>;

/** The id of a rule, e.g. `glossary-key`. */
export type RuleId = keyof typeof rules;

/** How bad a diagnostic is. */
export type Severity = "error" | "warning";
