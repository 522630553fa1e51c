import type { ElementContent } from "hast";

/**
 * HTML serialised ahead of time, with holes: strings are finished HTML;
 * nodes are the parts whose HTML depends on the page that shows them (a
 * reference placeholder, a site-absolute URL), kept as trees until then.
 * A lesson is serialised once, where it is read (on a worker thread, see
 * `html-parts.ts`), and each page that shows it only fills the holes.
 */
export type HtmlParts = (string | ElementContent)[];

/** The holes of `parts`, in order. */
export function holesOf(parts: HtmlParts): ElementContent[] {
  return parts.filter((part): part is ElementContent => typeof part !== "string");
}
