import type { Element, ElementContent } from "hast";
import { toString } from "hast-util-to-string";
import { collectReferences, pageSourceOf } from "./references.js";

const headingRank = /^h([1-6])$/;
/** A heading that opens a home page's list of appendices: "Appendices", "Appendix", "Appendices:". */
const appendixHeading = /^appendi(?:ces|x)\s*:?$/i;
/** A start or end tag in raw HTML, with its attributes. */
const rawTag = /<(\/?)([a-zA-Z][\w-]*)\b([^>]*)>/g;
/** Elements without an end tag. */
const voidElements = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

function rankOf(node: ElementContent): number | undefined {
  const match = node.type === "element" ? headingRank.exec(node.tagName) : null;
  return match ? Number(match[1]) : undefined;
}

function namesAppendices(element: Element): boolean {
  const { className, id } = element.properties;
  return (Array.isArray(className) && className.includes("appendices")) || id === "appendices";
}

/** Whether a raw start tag's attributes give it class or id `appendices`. */
function attributesNameAppendices(attributes: string): boolean {
  const value = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`).exec(attributes);
  const [, ...classes] = value("class") ?? [];
  const [, ...ids] = value("id") ?? [];
  return classes.some((text) => text?.split(/\s+/).includes("appendices") === true) || ids.some((text) => text?.trim() === "appendices");
}

/**
 * Where an appendix list is open among siblings: from a heading (until a
 * heading of its rank or higher) or from a raw start tag naming appendices
 * (until its end tag); either ends where the raw HTML it is in closes.
 */
interface OpenList {
  depth: number;
  rank: number | undefined;
}

/**
 * The parts of a home page that list its appendices, in document order: an
 * element with class or id `appendices` (`<div class="appendices"
 * markdown="1">`, as older courses' README files have it, whose start and
 * end tags stay raw HTML around the Markdown between them), and what follows
 * a heading "Appendices" or "Appendix" up to the next heading of its rank or
 * higher, or to the end of the HTML element it is in (so a heading inside a
 * column `<div>` covers that column).
 */
function appendixParts(nodes: ElementContent[]): ElementContent[] {
  const parts: ElementContent[] = [];
  let depth = 0;
  let open: OpenList | undefined;
  for (const node of nodes) {
    if (node.type === "raw") {
      for (const [, end, name = "", attributes = ""] of node.value.matchAll(rawTag)) {
        if (end) {
          depth -= 1;
          if (open && depth < open.depth) open = undefined;
        } else if (!voidElements.has(name.toLowerCase()) && !attributes.trimEnd().endsWith("/")) {
          depth += 1;
          if (!open && attributesNameAppendices(attributes)) open = { depth, rank: undefined };
        }
      }
      continue;
    }
    const rank = rankOf(node);
    if (rank !== undefined && open?.rank !== undefined && rank <= open.rank) open = undefined;
    if (open) {
      parts.push(node);
    } else if (rank !== undefined) {
      if (appendixHeading.test(toString(node).trim())) open = { depth, rank };
    } else if (node.type === "element") {
      if (namesAppendices(node)) parts.push(node);
      else parts.push(...appendixParts(node.children));
    }
  }
  return parts;
}

/** A lesson as the home page's links may name it: by slug (`[%x slug %]`), or by its Markdown file or folder. */
export interface LinkableLesson {
  slug: string;
  /** Source path relative to the project root (`04_setup/index.md`). */
  source: string;
}

/**
 * The slugs of the lessons that the home page `nodes` lists under its
 * appendices, in the order it first links them.
 */
export function appendicesOnHome(nodes: ElementContent[], lessons: LinkableLesson[]): string[] {
  const bySource = new Map<string, string>();
  for (const { slug, source } of lessons) {
    bySource.set(source, slug);
    bySource.set(source.slice(0, source.lastIndexOf("/") + 1), slug);
  }
  const slugs = new Set(lessons.map((lesson) => lesson.slug));
  const found = collectReferences(appendixParts(nodes)).flatMap(({ kind, key }) => {
    if (kind === "x") return slugs.has(key) ? [key] : [];
    const slug = kind === "page" ? bySource.get(pageSourceOf(key)) : undefined;
    return slug === undefined ? [] : [slug];
  });
  return [...new Set(found)];
}
