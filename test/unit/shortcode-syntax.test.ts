import type { Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Point, Position } from "unist";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parseShortcode, parseShortcodeBody } from "../../src/markdown/shortcodes/parse-body.js";
import remarkShortcodeSyntax from "../../src/markdown/shortcodes/remark-shortcode-syntax.js";
import type { Shortcode } from "../../src/markdown/shortcodes/types.js";

const seedFigure = `[% figure
   slug=virt_docker_layers
   img="docker_layers.svg"
   alt="How layers and copy-on-write work in Docker"
   caption="Docker layers and copy-on-write"
%]
`;

function parse(markdown: string): Root {
  return unified().use(remarkParse).use(remarkShortcodeSyntax).parse(markdown);
}

function shortcodes(tree: Root): Shortcode[] {
  const found: Shortcode[] = [];
  visit(tree, "shortcode", (node) => {
    found.push(node);
  });
  return found;
}

function onlyShortcode(markdown: string): Shortcode {
  const found = shortcodes(parse(markdown));
  expect(found).toHaveLength(1);
  return found[0] as Shortcode;
}

/** The point of `markdown.indexOf(needle) + shift`, computed independently of the parser. */
function pointOf(markdown: string, needle: string, shift = 0): Point {
  const index = markdown.indexOf(needle);
  expect(index).toBeGreaterThanOrEqual(0);
  const offset = index + shift;
  const before = markdown.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return {
    line: before.split("\n").length,
    column: offset - lineStart + 1,
    offset,
  };
}

/** The position of the first `needle` in `markdown`. */
function spanOf(markdown: string, needle: string): Position {
  return {
    start: pointOf(markdown, needle),
    end: pointOf(markdown, needle, needle.length),
  };
}

function firstParagraph(tree: Root): Paragraph {
  let paragraph: Paragraph | undefined;
  visit(tree, "paragraph", (node) => {
    paragraph ??= node;
  });
  if (!paragraph) throw new Error("expected a paragraph");
  return paragraph;
}

function types(nodes: RootContent[]): string[] {
  return nodes.map((node) => node.type);
}

describe("shortcode syntax", () => {
  it("parses the multi-line seed figure into a paragraph holding one shortcode", () => {
    const markdown = `Intro paragraph.\n\n${seedFigure}`;
    const tree = parse(markdown);
    const paragraph = tree.children[1];
    expect(paragraph?.type).toBe("paragraph");
    if (paragraph?.type !== "paragraph") return;
    expect(types(paragraph.children)).toEqual(["shortcode"]);

    const node = paragraph.children[0] as Shortcode;
    expect(node.value).toBe(
      ' figure\n   slug=virt_docker_layers\n   img="docker_layers.svg"\n' +
        '   alt="How layers and copy-on-write work in Docker"\n' +
        '   caption="Docker layers and copy-on-write"\n',
    );
    expect(node.position).toEqual({
      start: { line: 3, column: 1, offset: 18 },
      end: { line: 8, column: 3, offset: markdown.length - 1 },
    });

    const parsed = parseShortcode(node);
    expect(parsed.errors).toEqual([]);
    expect(parsed.name).toBe("figure");
    expect(parsed.namePosition).toEqual(spanOf(markdown, "figure"));
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([
      ["slug", "virt_docker_layers"],
      ["img", "docker_layers.svg"],
      ["alt", "How layers and copy-on-write work in Docker"],
      ["caption", "Docker layers and copy-on-write"],
    ]);
    for (const attribute of parsed.attributes) {
      const written = markdown.slice(attribute.position.start.offset, attribute.position.end.offset);
      expect(attribute.position).toEqual(spanOf(markdown, written));
    }
  });

  it("gives exact positions for an attribute on the third line of a shortcode", () => {
    const node = onlyShortcode(seedFigure);
    const img = parseShortcode(node).attributes.find((attribute) => attribute.key === "img");
    expect(img?.position).toEqual({
      start: { line: 3, column: 4, offset: 40 },
      end: { line: 3, column: 27, offset: 63 },
    });
    expect(img?.valuePosition).toEqual({
      start: { line: 3, column: 8, offset: 44 },
      end: { line: 3, column: 27, offset: 63 },
    });
    expect(seedFigure.slice(44, 63)).toBe('"docker_layers.svg"');
  });

  it("parses a positional slug in a reference inside a list item sentence", () => {
    const markdown = "- Intro.\n- Layers are shown in [%f virt_docker_layers %], below.\n";
    const tree = parse(markdown);
    const paragraphs: Paragraph[] = [];
    visit(tree, "paragraph", (node) => {
      paragraphs.push(node);
    });
    const paragraph = paragraphs[1];
    expect(types(paragraph?.children ?? [])).toEqual(["text", "shortcode", "text"]);
    expect(paragraph?.children[2]).toMatchObject({
      type: "text",
      value: ", below.",
    });

    const node = paragraph?.children[1] as Shortcode;
    expect(node.value).toBe("f virt_docker_layers ");
    expect(node.position).toEqual(spanOf(markdown, "[%f virt_docker_layers %]"));

    const parsed = parseShortcode(node);
    expect(parsed.name).toBe("f");
    expect(parsed.errors).toEqual([]);
    expect(parsed.attributes).toEqual([
      {
        key: "",
        value: "virt_docker_layers",
        position: spanOf(markdown, "virt_docker_layers"),
        valuePosition: spanOf(markdown, "virt_docker_layers"),
      },
    ]);
  });

  it("parses a lesson reference with no space after the marker", () => {
    const parsed = parseShortcode(onlyShortcode("[%x intro %]"));
    expect(parsed.name).toBe("x");
    expect(parsed.namePosition).toEqual({
      start: { line: 1, column: 3, offset: 2 },
      end: { line: 1, column: 4, offset: 3 },
    });
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([["", "intro"]]);
  });

  it("reads quoted values with escaped quotes and a `%]` inside the quotes", () => {
    const markdown = String.raw`[% figure caption="say \"hi\" %] now" alt=x path="a\\b" %] after`;
    const tree = parse(markdown);
    expect(types(firstParagraph(tree).children)).toEqual(["shortcode", "text"]);
    expect(firstParagraph(tree).children[1]).toMatchObject({
      type: "text",
      value: " after",
    });

    const parsed = parseShortcode(shortcodes(tree)[0] as Shortcode);
    expect(parsed.errors).toEqual([]);
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([
      ["caption", 'say "hi" %] now'],
      ["alt", "x"],
      ["path", String.raw`a\b`],
    ]);
    expect(parsed.attributes[0]?.valuePosition).toEqual(spanOf(markdown, String.raw`"say \"hi\" %] now"`));
  });

  it("keeps an unclosed `[%` as text when a blank line ends the paragraph", () => {
    const markdown = "Text [% figure slug=x\nmore text\n\nNext %] paragraph.\n";
    const tree = parse(markdown);
    expect(shortcodes(tree)).toEqual([]);
    expect(toString(tree.children[0])).toBe("Text [% figure slug=x\nmore text");
  });

  it("keeps an unclosed quote from swallowing the closing marker, so the `[%` stays text", () => {
    const tree = parse('[% figure alt="oops %] and more\n');
    expect(shortcodes(tree)).toEqual([]);
    expect(toString(tree)).toBe('[% figure alt="oops %] and more');
  });

  it("does not take a malformed link ending in `%]` for a shortcode", () => {
    const markdown = "See [docker_tag](g:g %] here.\n";
    const tree = parse(markdown);
    expect(shortcodes(tree)).toEqual([]);
    expect(types(firstParagraph(tree).children)).toEqual(["text"]);
    expect(toString(tree)).toBe("See [docker_tag](g:g %] here.");
  });

  it("leaves inline links and reference links working", () => {
    const tree = parse("An [inline](https://example.com) and a [ref][docker] link.\n\n[docker]: https://docker.com\n");
    expect(shortcodes(tree)).toEqual([]);
    expect(types(firstParagraph(tree).children)).toEqual(["text", "link", "text", "linkReference", "text"]);
  });

  it("parses a shortcode inside link text", () => {
    const tree = parse("[see [%f layers %]](#layers)\n");
    expect(types(firstParagraph(tree).children)).toEqual(["link"]);
    expect(shortcodes(tree).map((node) => node.value)).toEqual(["f layers "]);
  });

  it("leaves an escaped `\\[%` as text", () => {
    const tree = parse("Write \\[%f slug %] for a reference.\n");
    expect(shortcodes(tree)).toEqual([]);
    expect(toString(tree)).toBe("Write [%f slug %] for a reference.");
  });

  it("leaves shortcodes in code spans alone", () => {
    expect(shortcodes(parse("Write `[%f slug %]` for a reference.\n"))).toEqual([]);
  });

  it("accepts an empty body, leaving the missing name to the body parser", () => {
    const node = onlyShortcode("a [%%] b");
    expect(node.value).toBe("");
    const parsed = parseShortcode(node);
    expect(parsed.name).toBe("");
    expect(parsed.errors).toEqual([
      {
        message: "expected a shortcode name after `[%`, such as `figure` or `f`",
        position: {
          start: { line: 1, column: 5, offset: 4 },
          end: { line: 1, column: 5, offset: 4 },
        },
      },
    ]);
  });

  it("gives up at the next `[%`, so shortcodes do not nest but the inner one parses", () => {
    const tree = parse('[% figure caption="see [%f other %]" %]');
    expect(shortcodes(tree).map((node) => node.value)).toEqual(["f other "]);
  });

  it("maps positions past block quote markers on continuation lines", () => {
    const markdown = "> Intro.\n>\n> See [%f\n>    virt_docker_layers\n> %] here.\n";
    const node = onlyShortcode(markdown);
    expect(node.data?.bodyLineStarts).toEqual([
      { line: 4, column: 3, offset: 23 },
      { line: 5, column: 3, offset: 47 },
    ]);
    const parsed = parseShortcode(node);
    expect(parsed.attributes[0]?.position).toEqual(spanOf(markdown, "virt_docker_layers"));
  });

  it("maps positions past list item indentation on continuation lines", () => {
    const markdown = '1. See [% figure\n   slug=layers img="a.svg"\n   %] here.\n';
    const parsed = parseShortcode(onlyShortcode(markdown));
    expect(parsed.attributes.map((attribute) => attribute.position)).toEqual([
      spanOf(markdown, "slug=layers"),
      spanOf(markdown, 'img="a.svg"'),
    ]);
  });

  it("counts both characters of CRLF line endings in offsets", () => {
    const markdown = 'Intro.\r\n\r\n[% figure\r\n   slug=layers\r\n   img="a.svg"\r\n%]\r\n';
    const node = onlyShortcode(markdown);
    expect(node.value).toBe(' figure\n   slug=layers\n   img="a.svg"\n');
    const img = parseShortcode(node).attributes[1];
    const offset = markdown.indexOf("img=");
    expect(img?.position.start).toEqual({ line: 5, column: 4, offset });
    expect(img?.position.end.offset).toBe(offset + 'img="a.svg"'.length);
  });

  it("parses 10,000 unclosed `[%` in one paragraph and still finds the shortcode after them", { timeout: 20_000 }, () => {
    const inputs = [
      "[%".repeat(10_000),
      "[% ".repeat(10_000),
      // Every attempt enters a quoted string and stays in it.
      String.raw`[% "\"\ `.repeat(10_000),
      '[% "'.repeat(10_000),
    ];
    for (const input of inputs) {
      const tree = parse(`${input} [%x intro %]\n`);
      expect(shortcodes(tree).map((node) => node.value)).toEqual(["x intro "]);
    }
  });
});

describe("parseShortcodeBody", () => {
  const start: Point = { line: 10, column: 5, offset: 100 };

  it("reports a missing name and still reads the attributes", () => {
    const parsed = parseShortcodeBody(" slug=x", start);
    expect(parsed.name).toBe("");
    expect(parsed.errors.map((error) => error.message)).toEqual(["expected a shortcode name after `[%`, such as `figure` or `f`"]);
    expect(parsed.errors[0]?.position.start).toEqual({
      line: 10,
      column: 6,
      offset: 101,
    });
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([["slug", "x"]]);
  });

  it("reports an invalid name", () => {
    const parsed = parseShortcodeBody("1fig slug=x", start);
    expect(parsed.name).toBe("");
    expect(parsed.errors).toEqual([
      {
        message: "invalid shortcode name `1fig`: expected a letter, then letters, digits, `_` or `-`",
        position: { start, end: { line: 10, column: 9, offset: 104 } },
      },
    ]);
  });

  it("reports an unterminated quoted string up to the end of the body", () => {
    const parsed = parseShortcodeBody('figure alt="no end\nline two', start);
    expect(parsed.errors).toEqual([
      {
        message: 'unterminated quoted string: expected a closing `"`',
        position: {
          start: { line: 10, column: 16, offset: 111 },
          end: { line: 11, column: 9, offset: 127 },
        },
      },
    ]);
    expect(parsed.attributes).toHaveLength(1);
    expect(parsed.attributes[0]?.value).toBe("no end\nline two");
  });

  it("reports `key=` with no value", () => {
    const parsed = parseShortcodeBody("figure slug= img=a.svg", start);
    expect(parsed.errors).toEqual([
      {
        message: "expected a value after `slug=`",
        position: {
          start: { line: 10, column: 12, offset: 107 },
          end: { line: 10, column: 17, offset: 112 },
        },
      },
    ]);
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([["img", "a.svg"]]);
  });

  it("reports a duplicate key and keeps the first value", () => {
    const parsed = parseShortcodeBody('figure slug=a slug="b"', start);
    expect(parsed.errors).toEqual([
      {
        message: "duplicate attribute `slug`",
        position: {
          start: { line: 10, column: 19, offset: 114 },
          end: { line: 10, column: 27, offset: 122 },
        },
        rule: "shortcode-attribute",
      },
    ]);
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([["slug", "a"]]);
  });

  it("reports a missing key and missing whitespace between items", () => {
    const parsed = parseShortcodeBody('figure ="x" a="b"c=d', start);
    expect(parsed.errors.map((error) => error.message)).toEqual([
      "expected an attribute name before `=`",
      "expected whitespace between shortcode attributes",
    ]);
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("allows `=` inside a bare value and quoted positional values", () => {
    const parsed = parseShortcodeBody('link url=a?b=c "two words"', start);
    expect(parsed.errors).toEqual([]);
    expect(parsed.attributes.map(({ key, value }) => [key, value])).toEqual([
      ["url", "a?b=c"],
      ["", "two words"],
    ]);
  });

  it("assumes continuation lines start at column 1 without line starts", () => {
    const parsed = parseShortcodeBody(" figure\n   slug=x", start);
    expect(parsed.attributes[0]?.position).toEqual({
      start: { line: 11, column: 4, offset: 111 },
      end: { line: 11, column: 10, offset: 117 },
    });
  });

  it("never throws on arbitrary input", () => {
    for (const body of ["", " ", '"', "=", "\\", 'a "', "a =", "a b=", 'a "\\', "\n\n", 'a\n=\n"']) {
      expect(() => parseShortcodeBody(body, start)).not.toThrow();
    }
  });
});
