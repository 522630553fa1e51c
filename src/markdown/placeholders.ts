import type { ElementContent } from "hast";

/*
 * Placeholders: what the document stage leaves in a lesson's HTML for the
 * site stage to resolve once every lesson is known. The Markdown plugins make
 * them, the HTML stage keeps them apart when it serialises a lesson ahead of
 * time, and the site stage fills them in for each page.
 */

/** The kinds of placeholder the site stage resolves (see `site/references.ts`). */
export type ReferenceKind = "g" | "b" | "f" | "t" | "x" | "page" | "error" | "figure-label" | "table-label" | "exercise-label";

/** The hast property that marks an element the site stage must resolve: `kind:key`. */
export const referenceProperty = "dataLessonsRef";

/** Properties that mark an element as a reference of `kind` to `key`. */
export function referenceProperties(kind: ReferenceKind, key: string): Record<string, string> {
  return { [referenceProperty]: `${kind}:${key}` };
}

/** Whether a URL is site-absolute (`/virt/files/x.py`): the document stage writes them so, and each page makes them relative. */
export function isSiteAbsolute(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//");
}

const termsPlaceholder = /^<p\s+id="terms"\s*>\s*<\/p>$/;

/** Whether `node` is the author's `<p id="terms"></p>`, where the "Terms defined" list goes. */
export function isTermsPlaceholder(node: ElementContent): boolean {
  return node.type === "raw" && termsPlaceholder.test(node.value.trim());
}

/** A site-absolute `src="/…"`, `href="/…"` or `poster="/…"` in raw HTML (as `local-links.ts` writes a local one). */
export const rawSiteUrl = /(\s(?:src|href|poster)\s*=\s*")\/(?!\/)([^"]*)"/gi;

/** Whether raw HTML holds a site-absolute URL (see {@link rawSiteUrl}). */
export function hasRawSiteUrl(value: string): boolean {
  rawSiteUrl.lastIndex = 0;
  return rawSiteUrl.test(value);
}

/**
 * Whether the HTML of `node` itself depends on the page that shows it or on
 * the rest of the site: a reference placeholder, an element or raw HTML
 * with a site-absolute URL, the "Terms defined" placeholder. These are the holes
 * of a lesson serialised ahead of time (see `html/html-parts.ts`).
 */
export function dependsOnPage(node: ElementContent): boolean {
  if (node.type === "raw") return isTermsPlaceholder(node) || hasRawSiteUrl(node.value);
  if (node.type !== "element") return false;
  const { properties } = node;
  return referenceProperty in properties || isSiteAbsolute(properties.href) || isSiteAbsolute(properties.src);
}
