import path from "node:path";

/** Where each page of the site is written, relative to the output folder. */
export const pagePaths = {
  home: "index.html",
  glossary: "glossary/index.html",
  bibliography: "bibliography/index.html",
  exercises: "exercises/index.html",
  /** The page a web server shows for an address the site does not have (GitHub Pages and Netlify look for it here). */
  notFound: "404.html",
  lesson: (slug: string) => `${slug}/index.html`,
  slides: (slug: string) => `${slug}/slides.html`,
  /**
   * A Markdown page of its own, by its path in the content folder: a root page
   * (`LICENSE.md` → `LICENSE.html`) beside the home page, or in the older
   * layout another page of a lesson folder (`01_files/notes.md` →
   * `01_files/notes.html`) beside the lesson, so its relative links work as written.
   */
  root: (relative: string) => relative.replace(/\.md$/, ".html"),
} as const;

/**
 * A relative URL from the page at `from` to the site path `to` (with an
 * optional `#fragment`), so the site works from any sub-path and `file://`.
 * A link to the same page is just the fragment.
 */
export function relativeUrl(from: string, to: string): string {
  const [target = "", fragment] = to.split("#", 2);
  const hash = fragment === undefined ? "" : `#${fragment}`;
  if (target === from && hash) return hash;
  const relative = path.posix.relative(path.posix.dirname(from), target) || path.posix.basename(target);
  return relative + hash;
}

/**
 * The address a page is published at, from the site's `url` (ending in
 * `/`): a folder's `index.html` by the folder's address, as web servers
 * answer it (`https://example.org/course/` + `virt/index.html` →
 * `https://example.org/course/virt/`).
 */
export function publishedUrl(siteUrl: string, page: string): string {
  return siteUrl + encodeURI(page.replace(/(^|\/)index\.html$/, "$1"));
}

/** The prefix that leads from the page at `from` back to the site root (`""` or `"../"`). */
export function rootPrefix(from: string): string {
  return "../".repeat(from.split("/").length - 1);
}
