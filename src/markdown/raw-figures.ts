import type { Element, ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { h } from "hastscript";
import type { Html, Paragraph, Root } from "mdast";
import { forEachNode } from "./each-node.js";
import { referenceProperties } from "./placeholders.js";

/** A number the author wrote by hand at the start of a caption (`Figure 3: `), which the site's own number replaces. */
const handNumber = /^\s*Figure\s+[\dA-Z]+(?:\.\d+)?\s*[:.]\s*/i;

/** The one `<figure id>` element an HTML block is, with its `<figcaption>`, or undefined for any other HTML. */
function figureOf(value: string): { figure: Element; caption: Element } | undefined {
  if (!/^\s*<figure[\s>]/i.test(value)) return undefined;
  const elements = fromHtml(value, { fragment: true }).children.filter((node) => node.type !== "text" || node.value.trim() !== "");
  const [figure] = elements;
  if (elements.length !== 1 || figure?.type !== "element" || typeof figure.properties.id !== "string") return undefined;
  const caption = figure.children.find((child): child is Element => child.type === "element" && child.tagName === "figcaption");
  return caption ? { figure, caption } : undefined;
}

/** Drop a hand-written number from the start of the caption's text. */
function withoutHandNumber(children: ElementContent[]): ElementContent[] {
  const [first, ...rest] = children;
  if (first?.type !== "text" || !handNumber.test(first.value)) return children;
  return [{ ...first, value: first.value.replace(handNumber, "") }, ...rest];
}

/**
 * Number the figures authors write in raw HTML with the lesson's shortcode
 * figures, in document order, and let `[%f id %]` refer to them: an HTML
 * block that is one `<figure id>` with a `<figcaption>` becomes that figure,
 * its caption opening with the same label placeholder the figure shortcode
 * gives (`Figure 2.1: `), in place of a number written by hand.
 *
 * ```markdown
 * <figure id="layers"><img src="layers.svg" alt="…"><figcaption>Docker layers</figcaption></figure>
 * ```
 * → `<figure id="layers"><img …><figcaption><span class="figure-label">Figure 2.1</span>: Docker layers</figcaption></figure>`
 *
 * It runs after local links, which have already taken the block's own
 * `src` and `href` for the site; a figure without an id or a caption stays
 * the HTML it is.
 */
export function rawFiguresTransform(tree: Root): void {
  forEachNode(tree, "html", (html) => {
    const found = figureOf(html.value);
    if (!found) return;
    const { figure, caption } = found;
    const label = h("span.figure-label", referenceProperties("figure-label", String(figure.properties.id)));
    // The site stage reports a duplicate id at the label, so it carries the block's place.
    label.position = html.position;
    const text = withoutHandNumber(caption.children);
    caption.children = text.length > 0 ? [label, { type: "text", value: ": " }, ...text] : [label];
    const replacement: Paragraph = {
      type: "paragraph",
      children: [],
      position: html.position,
      data: { hName: "figure", hProperties: figure.properties, hChildren: figure.children },
    };
    // Replaced where it stands: a walk that may not add or remove siblings can still change what a node is.
    const node = Object.assign(html as Omit<Html, "type"> as Paragraph & { value?: string }, replacement);
    delete node.value;
  });
}

/** The remark plugin around {@link rawFiguresTransform}. */
export default function remarkRawFigures() {
  return rawFiguresTransform;
}
