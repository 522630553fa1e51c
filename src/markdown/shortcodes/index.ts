import type { Html, Paragraph, Parent, Root, RootContent } from "mdast";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import { report } from "../../diagnostics/report.js";
import { forEachNode } from "../each-node.js";
import { sourceOf, spanAt } from "../../diagnostics/source-positions.js";
import { parseShortcode } from "./parse-body.js";
import { isAlone, type Attributes, type ShortcodeSpec } from "./spec.js";
import { figure } from "./specs/figure.js";
import { figureReference, lessonReference, tableReference } from "./specs/references.js";
import { table } from "./specs/table.js";
import type { Shortcode } from "./types.js";

/** Every shortcode the format knows, by name. */
export const shortcodeSpecs: ReadonlyMap<string, ShortcodeSpec> = new Map(
  [figure, table, figureReference, tableReference, lessonReference].map((spec) => [spec.name, spec]),
);

interface Validated {
  attributes: Attributes;
  positions: Record<string, Position | undefined>;
}

function validate(spec: ShortcodeSpec, node: Shortcode, file: VFile): Validated | undefined {
  const parsed = parseShortcode(node);
  let valid = true;
  for (const error of parsed.errors) {
    report(file, error.rule ?? "shortcode-syntax", error.message, error.position);
    valid = false;
  }
  const attributes: Attributes = {};
  const positions: Record<string, Position | undefined> = {};
  const positional = Object.entries(spec.attributes).filter(([, attribute]) => attribute.positional);
  for (const attribute of parsed.attributes) {
    const key = attribute.key === "" ? positional.find(([name]) => !(name in attributes))?.[0] : attribute.key;
    if (key === undefined || !(key in spec.attributes)) {
      const what = attribute.key === "" ? `unexpected value "${attribute.value}"` : `unknown attribute "${attribute.key}"`;
      const hint = attribute.key === "" ? "" : didYouMean(attribute.key, Object.keys(spec.attributes));
      report(file, "shortcode-attribute", `${what} in "${spec.name}" shortcode${hint}`, attribute.position);
      valid = false;
      continue;
    }
    attributes[key] = attribute.value;
    positions[key] = attribute.valuePosition;
  }
  for (const [name, attribute] of Object.entries(spec.attributes)) {
    if (attribute.required && !(name in attributes)) {
      report(file, "shortcode-attribute", `"${spec.name}" shortcode needs ${attribute.positional ? "a" : "the attribute"} "${name}"`, node);
      valid = false;
    }
  }
  return valid ? { attributes, positions } : undefined;
}

function nameOf(node: Shortcode): string {
  return /^\s*([A-Za-z][\w-]*)/.exec(node.value)?.[1] ?? "";
}

function expand(node: Shortcode, parent: Parent, index: number, file: VFile): RootContent[] | undefined {
  const name = nameOf(node);
  const spec = shortcodeSpecs.get(name);
  if (!spec) {
    const hint = didYouMean(name, shortcodeSpecs.keys());
    report(file, "shortcode-unknown", name ? `unknown shortcode "${name}"${hint}` : "shortcode without a name", node);
    return undefined;
  }
  if (spec.kind === "block" && !(parent.type === "paragraph" && isAlone(parent as Paragraph, index))) {
    report(file, "shortcode-syntax", `"${name}" shortcode must stand in a paragraph of its own`, node);
    return undefined;
  }
  const validated = validate(spec, node, file);
  if (!validated) return undefined;
  const result = spec.run({ ...validated, position: node.position, file });
  return result ? [result] : undefined;
}

/** The legacy table form: `<div class="table" id="…" data-tbl="x.tbl" data-caption="…"></div>`. */
function legacyTable(html: Html, file: VFile): RootContent | undefined {
  if (!/^<div\s[^>]*class="table"/.test(html.value)) return undefined;
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(html.value)?.[1];
  const slug = attribute("id");
  const tbl = attribute("data-tbl");
  if (slug === undefined || tbl === undefined) {
    report(file, "shortcode-attribute", 'a table <div> needs id="…" and data-tbl="…"', html);
    return undefined;
  }
  // The older tool numbered tables itself, and some captions carry its number ("Table 1: …"); the site numbers them now.
  const caption = attribute("data-caption")?.replace(/^Table\s+\d+(?:\.\d+)*\s*[:.]\s*/i, "");
  const attributes: Attributes = caption === undefined ? { slug, tbl } : { slug, tbl, caption };
  if (table.kind !== "block") return undefined;
  return table.run({ attributes, positions: {}, position: html.position, file });
}

function reportStrayOpeners(tree: Root, file: VFile): void {
  forEachNode(tree, "text", (text) => {
    const source = sourceOf(file, text.position);
    if (!source) return;
    for (const match of source.text.matchAll(/\[%/g)) {
      report(file, "shortcode-syntax", 'unclosed shortcode: "[%" without a matching "%]"', spanAt(file, source.offset + match.index, 2));
    }
  });
}

/**
 * Replace the shortcodes and legacy table `<div>`s among `parent`'s
 * descendants, in document order; what replaces a node is not walked into.
 */
function expandChildren(parent: Parent, file: VFile): void {
  let index = 0;
  while (index < parent.children.length) {
    const node = parent.children[index] as RootContent;
    if (node.type === "html") {
      const replacement = legacyTable(node, file);
      if (replacement) parent.children.splice(index, 1, replacement as never);
      index += 1;
    } else if (node.type === "shortcode") {
      const replacement = expand(node, parent, index, file) ?? [];
      if (replacement[0]?.type === "paragraph" && parent.type === "paragraph") {
        Object.assign(parent, replacement[0]);
        index += 1;
      } else {
        parent.children.splice(index, 1, ...(replacement as never[]));
        index += replacement.length;
      }
    } else {
      if ("children" in node) expandChildren(node, file);
      index += 1;
    }
  }
}

/**
 * Expand `[% … %]` shortcodes through the registry, reporting unknown names,
 * bad or missing attributes, and `[%` left unclosed.
 *
 * A paragraph holding only `[% figure … %]` becomes the figure; `[%f slug %]`
 * in a sentence becomes a reference placeholder the site stage numbers.
 */
export function shortcodesTransform(tree: Root, file: VFile): void {
  reportStrayOpeners(tree, file);
  expandChildren(tree, file);
}

/** Unified plugin for {@link shortcodesTransform}. */
export default function remarkShortcodes() {
  return shortcodesTransform;
}
