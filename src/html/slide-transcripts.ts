import type { Element, ElementContent, ElementData } from "hast";
import { h } from "hastscript";
import type { HtmlParts } from "./html-parts.js";
import type { LessonHtml } from "./sections.js";
import { serialiseHtml } from "./serialise.js";

declare module "hast" {
  interface ElementData {
    /** A long transcript's content cut short, serialised, as a slide shows it (see {@link compactTranscripts}). */
    slideHtml?: string;
  }
}

/** A transcript or output longer than this many lines is cut short on a slide… */
export const slideLineLimit = 10;
/** …to its first lines, this many, followed by a link to the whole of it on the lesson page. */
const linesShown = 8;

function classesOf(element: Element): unknown[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className : [];
}

function isElement(node: ElementContent | undefined, tagName: string): node is Element {
  return node?.type === "element" && node.tagName === tagName;
}

/** The `<code>` of a code figure's `<pre>`. */
function codeOf(figure: Element): Element | undefined {
  const pre = figure.children.find((child) => isElement(child, "pre"));
  const code = pre?.type === "element" ? pre.children[0] : undefined;
  return isElement(code, "code") ? code : undefined;
}

/** The lines of a block: one `<span class="line">` each (a transcript), or the lines of its text (plain output). */
function lineCount(code: Element): number {
  const lines = code.children.filter((child) => isElement(child, "span")).length;
  if (lines > 0) return lines;
  const text = code.children.map((child) => (child.type === "text" ? child.value : "")).join("");
  return text.split("\n").length;
}

/**
 * Whether `node` is a transcript or output figure (see `code-blocks.ts`)
 * too long for a slide, which the deck shows cut short. Such figures stay
 * trees when a lesson is serialised (they are holes, like links that depend
 * on the page), so that the deck can cut them and the page show them whole.
 */
export function isLongTranscript(node: ElementContent): node is Element {
  if (!isElement(node, "figure")) return false;
  const classes = classesOf(node);
  if (!classes.includes("transcript") && !classes.includes("output")) return false;
  const code = codeOf(node);
  return code !== undefined && lineCount(code) > slideLineLimit;
}

function firstLines(code: Element): ElementContent[] {
  if (code.children.some((child) => isElement(child, "span"))) {
    // Lines and the newlines between them: the first `linesShown` lines are the first 2n-1 children.
    return code.children.slice(0, linesShown * 2 - 1);
  }
  const text = code.children.map((child) => (child.type === "text" ? child.value : "")).join("");
  return [{ type: "text", value: text.split("\n").slice(0, linesShown).join("\n") }];
}

/** A long transcript's children with only the first lines of its code. */
function shortChildren(figure: Element): ElementContent[] {
  return figure.children.map((child): ElementContent => {
    if (!isElement(child, "pre")) return child;
    const [code] = child.children;
    if (!isElement(code, "code")) return child;
    return { ...child, children: [{ ...code, children: firstLines(code) }] };
  });
}

function compact(figure: Element): Element {
  return {
    ...figure,
    children: [{ type: "raw", value: serialiseHtml({ type: "root", children: figure.children }) }],
    // A cast, because hast-util-from-parse5 declares a `position` every element's data must have, which only it sets.
    data: { slideHtml: serialiseHtml({ type: "root", children: shortChildren(figure) }) } as ElementData,
  };
}

/**
 * The long transcripts of a serialised lesson (its holes that
 * {@link isLongTranscript} picks) with their content serialised once,
 * whole for the lesson page and cut short for a slide, so that no page
 * that shows one serialises its lines again. The page's bytes are the same.
 */
export function compactTranscripts(body: LessonHtml): LessonHtml {
  const inParts = (parts: HtmlParts): HtmlParts =>
    parts.map((part) => (typeof part !== "string" && isLongTranscript(part) ? compact(part) : part));
  return {
    ...body,
    intro: inParts(body.intro),
    sections: body.sections.map((section) => ({ ...section, heading: inParts(section.heading), body: inParts(section.body) })),
  };
}

/** Whether `part` is a long transcript of a serialised lesson (see {@link compactTranscripts}). */
export function isCompactTranscript(part: ElementContent): part is Element {
  return part.type === "element" && part.data?.slideHtml !== undefined;
}

/**
 * A long transcript as a slide shows it: its first lines, then
 * "… full output on the lesson page" linking to `href` (the section on
 * the lesson page), rather than code too small to read. The figure is
 * copied; the lesson page keeps the whole one.
 */
export function shortenForSlide(figure: Element, href: string): Element {
  const more = h("p.transcript-more", [h("a", { href }, "… full output on the lesson page")]);
  return { ...figure, properties: { ...figure.properties }, children: [{ type: "raw", value: figure.data?.slideHtml ?? "" }, more] };
}
