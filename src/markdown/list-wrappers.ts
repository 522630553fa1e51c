import type { Html, List, Parent, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import { pointAt } from "../diagnostics/source-positions.js";

/** A start tag of a list, alone in its HTML block: `<ol class="chapters">`. */
const listStartTag = /^<(ol|ul)((?:\s[^>]*)?)>$/i;

/** The attributes of a wrapping tag that the list takes over. */
const keptAttribute = /\s(class|id|start)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

function attributesOf(tag: string): Record<string, string | number | string[]> {
  const properties: Record<string, string | number | string[]> = {};
  for (const [, name = "", ...values] of tag.matchAll(keptAttribute)) {
    const value = values.find((candidate) => candidate !== undefined) ?? "";
    const key = name.toLowerCase();
    if (key === "class") properties.className = value.split(/\s+/).filter(Boolean);
    else if (key === "start" && /^-?\d+$/.test(value)) properties.start = Number(value);
    else if (key === "id") properties.id = value;
  }
  return properties;
}

/**
 * The nodes a run of three siblings becomes when they are a list's start
 * tag, a Markdown list of the same kind and a block starting with the end
 * tag: the list, and what follows the end tag in its block (the end of
 * the `<div>` around it, say); undefined when they are not.
 */
function unwrapped(start: unknown, list: unknown, end: unknown, file: VFile): RootContent[] | undefined {
  if ((start as Html | undefined)?.type !== "html" || (list as List | undefined)?.type !== "list") return undefined;
  const match = listStartTag.exec((start as Html).value.trim());
  const name = match?.[1]?.toLowerCase();
  if (!match || (list as List).ordered !== (name === "ol")) return undefined;
  if ((end as Html | undefined)?.type !== "html") return undefined;
  const closing = new RegExp(`^[ \\t]*</${name}\\s*>[ \\t]*(?:\\r?\\n|$)`, "i").exec((end as Html).value);
  if (!closing) return undefined;
  const wrapped = list as List;
  const data = (wrapped.data ??= {});
  data.hProperties = { ...data.hProperties, ...attributesOf(match[2] ?? "") };
  const rest = (end as Html).value.slice(closing[0].length);
  if (rest.trim() === "") return [wrapped];
  const { position } = end as Html;
  const offset = position?.start.offset;
  const restPosition =
    position && offset !== undefined ? { start: pointAt(file, offset + closing[0].length), end: position.end } : position;
  return [wrapped, { type: "html", value: rest, position: restPosition }];
}

function merge(parent: Parent, file: VFile): void {
  for (let index = 0; index < parent.children.length; index += 1) {
    const [start, list, end] = parent.children.slice(index, index + 3);
    const nodes = unwrapped(start, list, end, file);
    if (nodes) parent.children.splice(index, 3, ...(nodes as never[]));
    const node = parent.children[index];
    if (node && "children" in node) merge(node, file);
  }
}

/**
 * A Markdown list written inside an HTML tag of its own kind, as older home
 * pages list their chapters, is that list with the tag's class, id and
 * start, instead of a list inside a list (which HTML does not allow, and
 * which would be indented twice). The end tag may open a block of HTML
 * that goes on (`</ol>` then `</div>`): the rest stays as written.
 *
 * ```markdown
 * <ol class="chapters" markdown="1">
 *
 * 1.  [Introduction](./01_intro/index.md)
 *
 * </ol>
 * ```
 * → `<ol class="chapters"><li><a href="01_intro/index.html">Introduction</a></li></ol>`
 */
export function listWrappersTransform(tree: Root, file: VFile): void {
  merge(tree, file);
}

/** The remark plugin around {@link listWrappersTransform}; it runs after `markdown="1"` blocks are read. */
export default function remarkListWrappers() {
  return listWrappersTransform;
}
