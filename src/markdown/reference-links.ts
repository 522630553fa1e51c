import type { InlineCode, Nodes, Root, Text } from "mdast";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { sourceOf, spanAt } from "../diagnostics/source-positions.js";

const unresolvedReference = /\[([^\]\n]+)\]\[([^\]\n]*)\]/g;

/** Nodes CommonMark leaves as literal text around an unresolved reference's brackets. */
function isLiteral(node: Nodes): node is Text | InlineCode {
  return node.type === "text" || node.type === "inlineCode";
}

/**
 * The source of a run of literal siblings, with each code span's text
 * blanked (its length kept), so brackets inside code (`` `a[0][1]` ``) are
 * never read as a reference.
 */
function runSource(file: VFile, run: (Text | InlineCode)[]): { text: string; offset: number } | undefined {
  const first = run[0]?.position;
  const last = run.at(-1)?.position;
  const whole = first && last ? sourceOf(file, { start: first.start, end: last.end }) : undefined;
  if (!whole) return undefined;
  let text = whole.text;
  for (const node of run) {
    const span = node.type === "inlineCode" ? sourceOf(file, node.position) : undefined;
    if (span)
      text =
        text.slice(0, span.offset - whole.offset) +
        "`".repeat(span.text.length) +
        text.slice(span.offset - whole.offset + span.text.length);
  }
  return { text, offset: whole.offset };
}

function reportRun(file: VFile, run: (Text | InlineCode)[]): void {
  // The `][` of a reference is always in a text node, whatever the label holds.
  if (!run.some((node) => node.type === "text" && node.value.includes("]["))) return;
  const source = runSource(file, run);
  if (!source?.text.includes("][")) return;
  const original = String(file.value);
  for (const match of source.text.matchAll(unresolvedReference)) {
    const at = source.offset + match.index;
    // The label as written, code spans included: `[`requests`][]` is the reference "`requests`".
    const written = /^\[([^\]\n]+)\]\[([^\]\n]*)\]/.exec(original.slice(at, at + match[0].length));
    const label = written?.[2] || written?.[1] || "";
    report(
      file,
      "link-reference",
      `undefined link reference "${label}": define [${label}]: URL in the lesson or the shared links file`,
      spanAt(file, at, match[0].length),
    );
  }
}

function walk(file: VFile, node: Nodes): void {
  if (!("children" in node)) return;
  let run: (Text | InlineCode)[] = [];
  for (const child of node.children) {
    if (isLiteral(child)) {
      run.push(child);
      continue;
    }
    if (run.length > 0) reportRun(file, run);
    run = [];
    walk(file, child);
  }
  if (run.length > 0) reportRun(file, run);
}

/**
 * Report reference-style links that resolved against neither the lesson's
 * own definitions nor the shared links file (both are in the tree: the
 * shared definitions are appended to the lesson before parsing). CommonMark
 * leaves such a link as literal text, so it is found in runs of text nodes
 * and code spans, which is how a label holding code arrives.
 *
 * `[Docker][dockr]` or ``[`requests`][requests]`` with no such definition
 * anywhere is a `link-reference` error.
 */
export function referenceLinksTransform(tree: Root, file: VFile): void {
  walk(file, tree);
}

/** Unified plugin for {@link referenceLinksTransform}. */
export default function remarkReferenceLinks() {
  return referenceLinksTransform;
}
