import type { ElementContent } from "hast";
import { serialiseHtml } from "../../src/html/serialise.js";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { holesOf, toHtmlParts, type HtmlParts } from "../../src/html/html-parts.js";

const isHole = (node: ElementContent) => node.type === "element" && "dataHole" in node.properties;

/** The parts with every hole written by the serialiser, as a page would after filling it. */
function joined(parts: HtmlParts): string {
  return parts.map((part) => (typeof part === "string" ? part : serialiseHtml({ type: "root", children: [part] }))).join("");
}

function tree(): ElementContent[] {
  return [
    h("h2", "Running & <stopping>"),
    h("figure.data-file", [h("figcaption", [h("a", { href: "/virt/files/x.py", dataHole: "" }, "x.py")]), h("pre", [h("code", "a < b")])]),
    h("ul", [h("li", ["See ", h("a", { dataHole: "" }, "a term"), " and ", h("em", "more")]), h("li", "plain")]),
    { type: "raw", value: '<p id="terms"></p>' },
    h("p", [h("img", { src: "fig.svg", alt: 'A "quoted" figure' })]),
  ];
}

describe("toHtmlParts", () => {
  it("gives the same HTML as serialising the whole tree once its holes are written", () => {
    const nodes = tree();
    expect(joined(toHtmlParts(nodes, isHole, serialiseHtml))).toBe(serialiseHtml({ type: "root", children: nodes }));
  });

  it("keeps exactly the holes as trees, in document order, and everything else as strings", () => {
    const parts = toHtmlParts(tree(), isHole, serialiseHtml);
    expect(holesOf(parts).map((hole) => (hole.type === "element" ? hole.properties.href : undefined))).toEqual([
      "/virt/files/x.py",
      undefined,
    ]);
    expect(parts.filter((part) => typeof part !== "string")).toHaveLength(2);
    expect(parts.some((part) => typeof part === "string" && part.includes("<em>more</em>"))).toBe(true);
  });

  it("writes a tree without holes as one string", () => {
    expect(toHtmlParts([h("p", "one"), h("p", "two")], isHole, serialiseHtml)).toEqual(["<p>one</p><p>two</p>"]);
  });
});
