import type { Element, ElementContent } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parseBibtex, type BibliographyEntry } from "../../src/site/bibtex/parse.js";

function read(bib: string): { entries: BibliographyEntry[]; file: VFile } {
  const file = new VFile({ path: "content/bibliography.bib", value: bib });
  return { entries: parseBibtex(file), file };
}

function only(bib: string): BibliographyEntry {
  const { entries, file } = read(bib);
  expect(file.messages.map(String)).toEqual([]);
  expect(entries).toHaveLength(1);
  return entries[0] as BibliographyEntry;
}

function textOf(content: ElementContent[]): string {
  return toString(h(null, content));
}

function elements(content: ElementContent[], tagName: string): Element[] {
  return content.filter((node): node is Element => node.type === "element" && node.tagName === tagName);
}

describe("parseBibtex", () => {
  it("formats a book as authors, italic title, publisher, year and ISBN", () => {
    const entry = only(
      "@book{Stoneman2020, author = {Elton Stoneman}, title = {Docker in a Month of Lunches}, publisher = {Manning}, year = {2020}, isbn = {978-1617297052}}",
    );
    expect(entry.key).toBe("Stoneman2020");
    expect(entry.position?.start).toMatchObject({ line: 1, column: 1 });
    expect(textOf(entry.content)).toBe("Elton Stoneman: Docker in a Month of Lunches. Manning, 2020. ISBN 978-1617297052.");
    expect(elements(entry.content, "em").map((em) => toString(em))).toEqual(["Docker in a Month of Lunches"]);
  });

  it("formats an article with its title in quotes, the journal in italics and the DOI as a link", () => {
    const entry = only(`@article{LeCun2015,
  author  = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  title   = {Deep learning},
  journal = {Nature}, volume = {521}, number = {7553}, pages = {436--444}, year = 2015,
  doi     = {10.1038/nature14539}
}`);
    expect(textOf(entry.content)).toBe(
      "Yann LeCun, Yoshua Bengio, and Geoffrey Hinton: “Deep learning”. Nature 521(7553), pp. 436–444, 2015. https://doi.org/10.1038/nature14539",
    );
    expect(elements(entry.content, "em").map((em) => toString(em))).toEqual(["Nature"]);
    const [link] = elements(entry.content, "a");
    expect(link?.properties.href).toBe("https://doi.org/10.1038/nature14539");
  });

  it("turns LaTeX accents, escapes, dashes and case-protecting braces into Unicode text", () => {
    const entry = only(
      String.raw`@book{M, author = {M{\"u}ller, J{\"o}rg and \"{O}zil, Mesut}, title = {{GPU}s \& Caf\'e --- \c{C}a \v{s} {\ss} 1--2}, publisher = {ETH Z\"urich}, year = 2001}`,
    );
    expect(textOf(entry.content)).toBe("Jörg Müller and Mesut Özil: GPUs & Café — Ça š ß 1–2. ETH Zürich, 2001.");
    // Composed characters, not letters followed by combining marks.
    expect(textOf(entry.content)).toBe(textOf(entry.content).normalize("NFC"));
  });

  it("keeps text that looks like HTML as text", () => {
    const entry = only("@misc{T, title = {Templates <T> & <script>}, year = 2020}");
    expect(textOf(entry.content)).toBe("Templates <T> & <script>. 2020.");
    expect(entry.content.every((node) => node.type === "text" || (node.type === "element" && node.tagName === "em"))).toBe(true);
  });

  it.each([
    [
      "inproceedings",
      "@inproceedings{P, author = {Ann Bee}, title = {Fast builds}, booktitle = {Proc. of {ICSE}}, pages = {1--10}, publisher = {ACM}, year = 2019}",
      "Ann Bee: “Fast builds”. In Proc. of ICSE, pp. 1–10. ACM, 2019.",
    ],
    [
      "incollection",
      "@incollection{C, author = {{Barnes and Noble}}, title = {A chapter}, booktitle = {The Book}, editor = {Ed Itor}, publisher = {Pub}, year = 2001}",
      "Barnes and Noble: “A chapter”. In The Book, edited by Ed Itor. Pub, 2001.",
    ],
    [
      "misc",
      String.raw`@misc{D, title = {Docker documentation}, howpublished = {\url{https://docs.docker.com}}, year = {2024}}`,
      "Docker documentation. https://docs.docker.com, 2024.",
    ],
    [
      "online",
      "@online{W, author = {Ann Bee and others}, title = {A page}, url = {https://example.com/a_b?x=1&y=2}}",
      "Ann Bee et al.: A page. https://example.com/a_b?x=1&y=2",
    ],
    [
      "techreport",
      "@techreport{R, author = {Q. Public}, title = {Report}, institution = {CERN}, number = {TR-7}, year = {1999}}",
      "Q. Public: Report. Technical report TR-7, CERN, 1999.",
    ],
    [
      "phdthesis",
      "@phdthesis{T, author = {Doe, Jr., John}, title = {Why?}, school = {MIT}, year = {1999}}",
      "John Doe, Jr.: Why? PhD thesis, MIT, 1999.",
    ],
    [
      "book with editors only",
      "@book{E, editor = {A. One and B. Two}, title = {Edited}, publisher = {P}, year = {2000}}",
      "A. One and B. Two (eds.): Edited. P, 2000.",
    ],
  ])("formats an @%s entry in the same shape", (_type, bib, expected) => {
    expect(textOf(only(bib).content)).toBe(expected);
  });

  it("shortens more than three authors to the first author and et al.", () => {
    const entry = only("@book{K, author = {A One and B Two and C Three and D Four}, title = {T}, year = 2000}");
    expect(textOf(entry.content)).toBe("A One et al.: T. 2000.");
  });

  it("links only web addresses", () => {
    const entry = only("@misc{J, title = {T}, url = {javascript:alert(1)}}");
    expect(elements(entry.content, "a")).toEqual([]);
    expect(textOf(entry.content)).toBe("T. javascript:alert(1).");
  });

  it("returns the entries sorted by key", () => {
    const { entries } = read("@misc{b2, title = {B}}\n@misc{A, title = {A}}\n@misc{b10, title = {C}}\n");
    expect(entries.map((entry) => entry.key)).toEqual(["A", "b2", "b10"]);
  });

  it("reports a key defined twice at the second definition and keeps the first", () => {
    const { entries, file } = read("@book{Dup, title = {First}}\n\n@book{Dup, title = {Second}}\n");
    expect(entries.map((entry) => textOf(entry.content))).toEqual(["First."]);
    expect(file.messages).toHaveLength(1);
    const [message] = file.messages;
    expect(message?.reason).toBe('bibliography key "Dup" is defined twice');
    expect(message?.ruleId).toBe("bib-duplicate");
    expect(message?.source).toBe("lessons");
    expect(message?.fatal).toBe(true);
    expect(message?.line).toBe(3);
  });

  it("reports a syntax error at its line and column and still returns the other entries", () => {
    const { entries, file } = read("@book{ok1, title = {One}}\n\n@misc{bad title = {x}}\n@book{ok2, title = {Two}}\n");
    expect(entries.map((entry) => entry.key)).toEqual(["ok1", "ok2"]);
    expect(entries[1]?.position?.start.line).toBe(4);
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column, message.reason])).toEqual([
      ["bib-entry", 3, 11, 'cannot read bibliography entry "bad": unexpected "t", expected "," or "="'],
    ]);
  });

  it("reports an entry that is never closed at the line where it starts", () => {
    const { entries, file } = read("@misc{open, title = {x}\n\n@book{ok, title = {Two}}\n");
    expect(entries.map((entry) => entry.key)).toEqual(["ok"]);
    expect(file.messages.map((message) => [message.ruleId, message.line, message.reason])).toEqual([
      ["bib-entry", 1, 'bibliography entry "open" ends before it is complete (is a "}" missing?)'],
    ]);
  });

  it("reports an entry with neither author, editor nor title", () => {
    const { entries, file } = read("@misc{Bare, year = {2000}}");
    expect(entries.map((entry) => textOf(entry.content))).toEqual(["2000."]);
    expect(file.messages.map((message) => [message.ruleId, message.line, message.reason])).toEqual([
      ["bib-entry", 1, 'bibliography entry "Bare" has neither author, editor nor title'],
    ]);
  });

  it("returns no entries and no messages for an empty file", () => {
    const { entries, file } = read("");
    expect(entries).toEqual([]);
    expect(file.messages).toEqual([]);
  });
});
