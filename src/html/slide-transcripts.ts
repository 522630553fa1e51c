import type { Element, ElementContent } from "hast";
import { h } from "hastscript";

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

/**
 * A long transcript as a slide shows it: its first lines, then
 * "… full output on the lesson page" linking to `href` (the section on
 * the lesson page), rather than code too small to read. The figure is
 * copied; the lesson page keeps the whole one.
 */
export function shortenForSlide(figure: Element, href: string): Element {
  const children = figure.children.map((child): ElementContent => {
    if (!isElement(child, "pre")) return child;
    const [code] = child.children;
    if (!isElement(code, "code")) return child;
    return { ...child, children: [{ ...code, children: firstLines(code) }] };
  });
  const more = h("p.transcript-more", [h("a", { href }, "… full output on the lesson page")]);
  return { ...figure, properties: { ...figure.properties }, children: [...children, more] };
}
