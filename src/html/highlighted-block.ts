import type { Element } from "hast";

/**
 * A highlighted code block as an earlier build made it: its memo key
 * (language and code, see {@link blockKey}) and its `<pre>`. Kept apart
 * from the highlighter, so that code handling these needs no shiki.
 */
export type HighlightedBlock = [key: string, pre: Element];

/** The memo key of a block: its language, lower-cased, and its code. */
export function blockKey(code: string, language: string | null | undefined): string {
  return `${language?.toLowerCase() ?? ""}\0${code}`;
}

/** Whether `pre` is a block shiki highlighted (not a plain one). */
export function isHighlighted(pre: Element): boolean {
  const className = pre.properties.className;
  return Array.isArray(className) && className.includes("shiki");
}
