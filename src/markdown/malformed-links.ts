import type { Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";
import { sourceOf, spanAt } from "../diagnostics/source-positions.js";

const brokenPrefixedLink = /\[([^\]\n]*)\]\((g|b):([^\n]*?)(?:\)|%\]|$)/gm;
/** {@link brokenPrefixedLink} for one link already found, without the search state a global expression keeps. */
const oneBrokenLink = new RegExp(brokenPrefixedLink.source);

/** What a malformed `g:` or `b:` link should read, given the key to name: `[docker_tag](g:key)`. */
export function wellFormedLink(written: string, key: string): string | undefined {
  const match = oneBrokenLink.exec(written);
  return match ? `[${match[1]}](${match[2]}:${key})` : undefined;
}

/**
 * What a malformed link's text and its garbled key could name: the link
 * text, then the key up to the first space or `%` (`[docker_tag](g:g %]` →
 * `docker_tag`, `g`).
 */
export function keyCandidates(written: string): string[] {
  const match = oneBrokenLink.exec(written);
  if (!match) return [];
  const garbled = /^[^\s%)\]]*/.exec(match[3] ?? "")?.[0] ?? "";
  return [match[1] ?? "", garbled].filter((candidate) => candidate !== "");
}

/** The reason of a `link-malformed` message on `written`, with the link it should be. */
export function malformedLinkReason(written: string, suggestion: string, keyKnown: boolean): string {
  const kind = written.includes("](g:") ? "glossary" : "citation";
  const which = keyKnown ? "" : `, with a key the ${kind === "glossary" ? "glossary" : "bibliography"} defines`;
  return `malformed ${kind} link "${written}": write it as ${suggestion}${which}`;
}

/**
 * Report text that was meant to be a `g:` or `b:` link but is not one, so it
 * would otherwise appear on the page as literal text. The message names the
 * link it should be, with `key` for the key (its `actual` is the text as
 * written, its `expected` that link); the site stage, which knows the keys,
 * puts in a real key when the link's text or garbled key is close to one.
 *
 * `[docker_tag](g:g %]` is reported as `link-malformed` at its `[`:
 * `malformed glossary link "[docker_tag](g:g %]": write it as [docker_tag](g:key), …`.
 */
export function malformedLinksTransform(tree: Root, file: VFile): void {
  forEachNode(tree, "text", (text) => {
    const source = sourceOf(file, text.position);
    if (!source || !source.text.includes("](")) return;
    for (const match of source.text.matchAll(brokenPrefixedLink)) {
      const written = match[0].trimEnd();
      const suggestion = `[${match[1]}](${match[2]}:key)`;
      const message = report(
        file,
        "link-malformed",
        malformedLinkReason(written, suggestion, false),
        spanAt(file, source.offset + match.index, written.length),
      );
      message.actual = written;
      message.expected = [suggestion];
    }
  });
}

/** Unified plugin for {@link malformedLinksTransform}. */
export default function remarkMalformedLinks() {
  return malformedLinksTransform;
}
