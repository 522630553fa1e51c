import type { VFile } from "vfile";
import { closest } from "../diagnostics/did-you-mean.js";
import { keyCandidates, malformedLinkReason, wellFormedLink } from "../markdown/malformed-links.js";
import type { SiteIndex } from "./model.js";

/** The key of `keys` that one of `candidates` names, exactly or else closely, in the order given. */
function keyNamed(candidates: string[], keys: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
  const exact = candidates.find((candidate) => keys.has(candidate));
  if (exact) return exact;
  for (const candidate of candidates) {
    const near = closest(candidate, keys.keys());
    if (near) return near;
  }
  return undefined;
}

/**
 * Name a real key in each `link-malformed` message of `file` whose link's
 * text or garbled key is a glossary or bibliography key, or close to one:
 * `[docker_tag](g:g %]` with a glossary key `docker_tag` → `write it as
 * [docker_tag](g:docker_tag)`. The document stage reported the message
 * with `key` in its place, not knowing the keys; the message is worked out
 * afresh from what was written (`actual`), so a message met again (from the
 * cache) comes out the same.
 */
export function suggestLinkKeys(file: VFile, index: SiteIndex): void {
  for (const message of file.messages) {
    if (message.ruleId !== "link-malformed" || message.actual === undefined) continue;
    const keys = message.actual.includes("](g:") ? index.glossary : index.bibliography;
    const key = keyNamed(keyCandidates(message.actual), keys);
    const suggestion = key === undefined ? undefined : wellFormedLink(message.actual, key);
    if (!suggestion) continue;
    message.reason = malformedLinkReason(message.actual, suggestion, true);
    message.message = message.reason;
    message.expected = [suggestion];
  }
}
