import { readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "hast";
import type { Code } from "mdast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { loadDataFile } from "../src/markdown/data-file.js";
import { findRunawayFence } from "../src/markdown/fence-closers.js";
import { createMarkdownParser } from "../src/markdown/parser.js";
import { refreshDataFileBlocks } from "../src/markdown/refresh.js";
import { buildSite, type BuildResult } from "../src/pipeline/build-site.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { siteOf, type BuiltSite } from "./helpers/site-pages.js";

const course = path.join(repoRoot, "test/sites/older-course");
const lesson = "03_pitfalls";
/** The files whose diagnostics this test owns: the pitfalls lesson and the shared glossary and links. */
const owned = new Set([`${lesson}/index.md`, "glossary.md", "links.md"]);

let result: BuildResult;
let site: BuiltSite;

beforeAll(async () => {
  result = await buildSite({ root: course });
  site = siteOf(result.files);
});

/** The links of the lesson page whose text is `text`. */
function linksNamed(text: string): Element[] {
  return (selectAll("main a", site.page(`${lesson}/index.html`)) as Element[]).filter((link) => toString(link) === text);
}

/** The element a site-relative link from the lesson page points at, if the page and the id exist. */
function targetOf(link: Element): Element | undefined {
  const [file = "", fragment] = String(link.properties.href).split("#", 2);
  const page = path.posix.normalize(path.posix.join(lesson, file));
  if (!site.paths.has(page)) return undefined;
  return (fragment ? select(`[id="${fragment}"]`, site.page(page)) : select("main", site.page(page))) ?? undefined;
}

function runawayFences(text: string): Code[] {
  const runaway: Code[] = [];
  visit(createMarkdownParser().parse(text), "code", (code) => {
    if (findRunawayFence(text, code)) runaway.push(code);
  });
  return runaway;
}

describe("an older-layout course with the pitfalls its authors left in", () => {
  it("reports each pitfall once, where it is written, as a warning, and nothing else", () => {
    const messages = result.messages.filter((message) => owned.has(message.file ?? "")).map(formatMessageLine);
    expect(messages).toEqual([
      `${lesson}/index.md:8:1 warning the block opened here is read as closed at line 12, though its closer there is indented 4 spaces (a closing fence may be indented at most 3); \`lessons refresh\` rewrites the block with a closer of its own [fence-unclosed]`,
      `${lesson}/index.md:22:1 warning the block opened here is read as closed at line 25, though its closer there is at the end of a code line (a closing fence must be on a line of its own); \`lessons refresh\` rewrites the block with a closer of its own [fence-unclosed]`,
      `glossary.md:13:1 warning glossary entry "closure" has no ":   " marker before its definition; it is defined anyway (start the definition with ":   ") [glossary-marker]`,
    ]);
  });

  it("links the glossary entry written without its marker to its definition", () => {
    const definition = "A function that keeps the variables of the scope it was made in.";
    const links = linksNamed("closure");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(targetOf(link), String(link.properties.href)).toBeDefined();
    for (const link of links) expect(link.properties.dataDefinition).toBe(`closure: ${definition}`);
    expect(toString(select("main", site.page("glossary/index.html"))!)).toContain(definition);
  });

  it("lists the see-also term on the glossary page, pointing at the entry it names", () => {
    const glossary = site.page("glossary/index.html");
    const terms = selectAll("dt", glossary) as Element[];
    const term = terms.find((dt) => toString(dt).trim() === "async (keyword)");
    expect(term).toBeDefined();
    const definition = (selectAll("dd", glossary) as Element[])[terms.indexOf(term!)];
    expect(toString(definition!).trim()).toBe("See asynchronous.");
    const pointer = select("a", definition!) as Element;
    expect(pointer.properties.href).toBe("#asynchronous");
    expect(toString(select("[id='asynchronous']", glossary)!)).toBe("asynchronous");
    const [asynchronous] = linksNamed("asynchronous");
    expect(asynchronous && targetOf(asynchronous)).toBeDefined();
  });

  it("resolves reference links to unquoted and single-quoted anchors in links.md, code in the label included", () => {
    expect(linksNamed("Flask").map((link) => link.properties.href)).toEqual(["https://flask.palletsprojects.com/"]);
    expect(linksNamed("requests").map((link) => link.properties.href)).toEqual(["https://requests.readthedocs.io/"]);
    expect(select("main code", select("a[href='https://requests.readthedocs.io/']", site.page(`${lesson}/index.html`))!)).not.toBeNull();
  });

  it("reads each runaway block as closed at its misplaced closer: the block shows its file, and what follows is Markdown", () => {
    const page = site.page(`${lesson}/index.html`);
    const blocks = (selectAll("main figure.data-file pre", page) as Element[]).map((pre) => toString(pre));
    for (const name of ["server.py", "client.py"]) {
      expect(blocks).toContain(readFileSync(path.join(course, lesson, name), "utf8").replace(/\n$/, ""));
    }
    const paragraphs = (selectAll("main p", page) as Element[]).map((p) => toString(p));
    expect(paragraphs).toContain("Run it with flask run.");
    expect(paragraphs).toContain("It prints what the server answers.");
    const headings = (selectAll("main section > .section-heading > h2", page) as Element[]).map((h2) => toString(h2));
    expect(headings).toEqual(["Server", "Client", "Files the lesson points at", "A transcript", "A Markdown example"]);
  });

  it("is fixed by lessons refresh: both blocks get a closer, and the headings they swallowed are headings again", () => {
    const index = path.join(course, lesson, "index.md");
    const text = readFileSync(index, "utf8");
    expect(runawayFences(text)).toHaveLength(2);
    const file = new VFile({ path: `${lesson}/index.md`, value: text });
    const refreshed = refreshDataFileBlocks(file, (name) => loadDataFile(path.dirname(index), course, name));
    expect(file.messages.map(formatMessageLine)).toEqual([]);
    expect(refreshed.refreshed).toBe(2);
    expect(runawayFences(refreshed.text)).toEqual([]);
    const headings: string[] = [];
    visit(createMarkdownParser().parse(refreshed.text), "heading", (heading) => {
      const { start, end } = heading.position ?? {};
      if (heading.depth === 2) headings.push(refreshed.text.slice(start?.offset, end?.offset).replace(/^##\s+/, ""));
    });
    expect(headings).toEqual(["Server", "Client", "Files the lesson points at", "A transcript", "A Markdown example"]);
    expect(refreshed.text).toContain(`${readFileSync(path.join(course, lesson, "client.py"), "utf8")}\`\`\`\n\nIt prints`);
  });
});
