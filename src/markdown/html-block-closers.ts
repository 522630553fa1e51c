import type { Html, Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";

declare module "mdast" {
  interface HtmlData {
    /** The closer the block lacked, added after the author's text for parsing (see `closing-parse.ts`). */
    missingCloser?: string;
  }
}

/**
 * The CommonMark HTML blocks that end only where their closer is (kinds 1
 * to 5), not at a blank line: left open, one takes in everything after it.
 */
const closedKinds: { start: RegExp; end: RegExp; closer: (opener: string) => string }[] = [
  {
    start: /^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)/i,
    end: /<\/(?:pre|script|style|textarea)>/i,
    closer: (name) => `</${name.toLowerCase()}>`,
  },
  { start: /^ {0,3}<!--/, end: /-->/, closer: () => "-->" },
  { start: /^ {0,3}<\?/, end: /\?>/, closer: () => "?>" },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/, closer: () => "]]>" },
  { start: /^ {0,3}<![A-Za-z]/, end: />/, closer: () => ">" },
];

/**
 * The closer an HTML block starting at offset `start` of `text` lacks up to
 * offset `end`, when it is one of the kinds that run on until their closer
 * (`<pre>`, `<script>`, `<style>`, `<textarea>`, `<!--`, `<?`, `<!X`,
 * `<![CDATA[`); undefined for any other block or one that is closed.
 */
export function missingHtmlCloser(text: string, start: number, end: number): string | undefined {
  const head = text.slice(start, Math.min(end, start + 200));
  for (const kind of closedKinds) {
    const opened = kind.start.exec(head);
    if (!opened) continue;
    return kind.end.test(text.slice(start + opened[0].length, end)) ? undefined : kind.closer(opened[1] ?? "");
  }
  return undefined;
}

/**
 * Report every HTML block the parse closed at the end of the author's text
 * (see `closing-parse.ts`, which records it in `html.data.missingCloser`), at
 * its opening line, as `html-unclosed`: left open, it would take in the
 * shared link definitions and the page after it.
 *
 * A lesson ending in `<pre>` and two lines → `the HTML block opened here is
 * never closed; it is read as closed at the end of the file (add "</pre>"
 * where it ends)`
 */
export function htmlBlockClosersTransform(tree: Root, file: VFile): void {
  forEachNode(tree, "html", (html: Html) => {
    const closer = html.data?.missingCloser;
    if (!closer) return;
    const reason = `the HTML block opened here is never closed; it is read as closed at the end of the file (add "${closer}" where it ends)`;
    report(file, "html-unclosed", reason, html.position?.start);
  });
}

/** Unified plugin for {@link htmlBlockClosersTransform}. */
export default function remarkHtmlBlockClosers() {
  return htmlBlockClosersTransform;
}
