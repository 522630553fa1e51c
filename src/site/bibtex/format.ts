import type { ValueType } from "astrocite-bibtex";
import type { ElementContent } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import { append, CLOSE, inline, link, nameText, OPEN, rawText, text, trim, type Context } from "./latex.js";

/** A sentence of the formatted reference and the mark that ends it. */
interface Sentence {
  content: ElementContent[];
  end: "." | ":";
}

/** The people in an author or editor field; `others` for "and others". */
interface NameList {
  names: string[];
  others: boolean;
}

/** Thesis types and the words that describe them. */
const theses = new Map(Object.entries({ phdthesis: "PhD thesis", mastersthesis: "Master’s thesis", thesis: "Thesis" }));

/** Types whose title is part of a larger work: the title is quoted and the larger work set in italics. */
const partTypes = new Set(["article", "inproceedings", "conference", "incollection"]);

/** One entry's fields, and the rules that turn them into a reference. */
export class Reference {
  // Each field is rendered once, so a warning about its content is reported once.
  private readonly rendered = new Map<string, ElementContent[] | undefined>();
  private readonly people = new Map<string, NameList | undefined>();

  constructor(
    private readonly type: string,
    private readonly fields: Map<string, ValueType[]>,
    private readonly context: Context,
  ) {}

  /** The field as inline content, or undefined when it is missing or blank. */
  field(name: string): ElementContent[] | undefined {
    if (!this.rendered.has(name)) {
      const value = this.fields.get(name);
      const content = value && trim(inline(value, this.context));
      this.rendered.set(name, content && toString(h(null, content)).trim() !== "" ? content : undefined);
    }
    return structuredClone(this.rendered.get(name));
  }

  /** The field's text as written (identifiers and URLs, which the parser keeps verbatim), without `\_`-style escapes. */
  verbatim(name: string): string | undefined {
    const value = this.fields.get(name);
    const result =
      value === undefined
        ? ""
        : rawText(value)
            .replace(/\\([_%&#$~])/g, "$1")
            .trim();
    return result === "" ? undefined : result;
  }

  /** The names in an author or editor field, each as "First von Last, Jr". */
  names(name: string): NameList | undefined {
    if (!this.people.has(name)) {
      const value = this.fields.get(name);
      const names = value ? splitNames(nameText(value, this.context)) : [];
      const people = names.filter((entry) => entry.toLowerCase() !== "others");
      this.people.set(name, people.length ? { names: people, others: people.length < names.length } : undefined);
    }
    return this.people.get(name);
  }

  format(): ElementContent[] {
    const authors = this.names("author");
    const editors = this.names("editor");
    const title = this.field("title");
    const booktitle = this.field("booktitle");
    const isPart = partTypes.has(this.type) || booktitle !== undefined;
    const sentences: Sentence[] = [];

    if (authors) sentences.push({ content: [text(listNames(authors))], end: ":" });
    else if (editors)
      sentences.push({
        content: [text(`${listNames(editors)} (${editors.names.length > 1 || editors.others ? "eds." : "ed."})`)],
        end: ":",
      });

    if (title) sentences.push({ content: isPart ? [text("“"), ...title, text("”")] : [h("em", title)], end: "." });

    const container = this.container(isPart, booktitle, authors ? editors : undefined);
    const publication = this.publication();
    const year = this.year();
    if (container.length && !publication.length && year) container.push([text(year)]);
    else if (year) publication.push([text(year)]);
    for (const parts of [container, publication]) {
      if (parts.length) sentences.push({ content: joinParts(parts), end: "." });
    }

    const isbn = this.field("isbn");
    if (isbn) sentences.push({ content: [text("ISBN "), ...isbn], end: "." });
    const doi = this.verbatim("doi")?.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, "");
    const doiUrl = doi && `https://doi.org/${doi}`;
    if (doi && doiUrl)
      sentences.push({
        content: [h("a", { href: `https://doi.org/${doi.split("/").map(encodeURIComponent).join("/")}` }, doiUrl)],
        end: ".",
      });
    const url = this.verbatim("url");
    if (url && url !== doiUrl) sentences.push({ content: link(url, [text(url)]), end: "." });

    return joinSentences(sentences);
  }

  /** The work the entry is part of: the journal with volume and number, or "In" the book or proceedings; then the pages. */
  private container(isPart: boolean, booktitle: ElementContent[] | undefined, editors: NameList | undefined): ElementContent[][] {
    const parts: ElementContent[][] = [];
    const journal = this.field("journal") ?? this.field("journaltitle");
    if (this.type === "article" || journal) {
      const volume = this.field("volume");
      const number = this.field("number") ?? this.field("issue");
      const issue: ElementContent[] = [...(volume ?? []), ...(number ? [text("("), ...number, text(")")] : [])];
      const head: ElementContent[] = [...(journal ? [h("em", journal)] : []), ...(journal && issue.length ? [text(" ")] : []), ...issue];
      if (head.length) parts.push(head);
    } else if (isPart && booktitle) {
      parts.push([text("In "), h("em", booktitle)]);
      if (editors) parts.push([text(`edited by ${listNames(editors)}`)]);
    }
    const pages = this.field("pages");
    if (pages) parts.push([text(/[-–—,]/.test(toString(h(null, pages))) ? "pp. " : "p. "), ...pages]);
    return parts;
  }

  /** What kind of document it is (thesis, report), and who published it. */
  private publication(): ElementContent[][] {
    const parts: ElementContent[][] = [];
    const kind = theses.get(this.type) ?? (this.type === "techreport" || this.type === "report" ? "Technical report" : undefined);
    if (kind) {
      const number = this.type === "techreport" || this.type === "report" ? this.field("number") : undefined;
      parts.push([...(this.field("type") ?? [text(kind)]), ...(number ? [text(" "), ...number] : [])]);
    }
    const publisher =
      this.field("publisher") ??
      this.field("institution") ??
      this.field("school") ??
      this.field("organization") ??
      this.field("howpublished");
    if (publisher) parts.push(publisher);
    return parts;
  }

  private year(): string | undefined {
    const year = this.field("year");
    if (year) return toString(h(null, year));
    const date = this.verbatim("date");
    return date === undefined ? undefined : (/^\d{4}/.exec(date)?.[0] ?? date);
  }
}

/** Split a BibTeX name list at "and" and turn each "von Last, Jr, First" into "First von Last, Jr". */
function splitNames(list: string): string[] {
  // names → comma-separated parts → words
  const names: string[][][] = [[[]]];
  let depth = 0;
  let word = "";
  let braced = false;
  const endWord = (): void => {
    if (!braced && word.toLowerCase() === "and") names.push([[]]);
    else if (word !== "") names.at(-1)?.at(-1)?.push(word);
    word = "";
    braced = false;
  };
  for (const char of list) {
    if (char === OPEN) {
      depth++;
      braced = true;
    } else if (char === CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(char)) endWord();
    else if (depth === 0 && char === ",") {
      endWord();
      names.at(-1)?.push([]);
    } else word += char;
  }
  endWord();
  return names
    .map((parts) => parts.map((words) => words.join(" ")).filter((part, index) => index === 0 || part !== ""))
    .map(([last = "", ...rest]) => {
      if (rest.length === 0) return last;
      const first = rest.at(-1) ?? "";
      const junior = rest.length > 1 ? `, ${rest[0] ?? ""}` : "";
      return `${first} ${last}${junior}`.trim();
    })
    .filter((name) => name !== "");
}

/** "A", "A and B", "A, B, and C", or "A et al." for more than three (or "and others"). */
function listNames({ names, others }: NameList): string {
  const [first = "", second = "", third = ""] = names;
  if (names.length > 3 || others) return `${first} et al.`;
  if (names.length === 3) return `${first}, ${second}, and ${third}`;
  return names.length === 2 ? `${first} and ${second}` : first;
}

function joinParts(parts: ElementContent[][]): ElementContent[] {
  const out: ElementContent[] = [];
  parts.forEach((part, index) => append(out, ...(index ? [text(", ")] : []), ...part));
  return out;
}

/** Sentences joined by spaces, each closed by its mark unless it already ends in one or in a link. */
function joinSentences(sentences: Sentence[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const sentence of sentences) {
    if (out.length) append(out, text(" "));
    append(out, ...sentence.content);
    const last = sentence.content.at(-1);
    const endsWithLink = last?.type === "element" && last.tagName === "a";
    const endsWithStop = /[.?!][”’"]?$/.test(toString(h(null, sentence.content)));
    if (sentence.end === ":" || !(endsWithLink || endsWithStop)) append(out, text(sentence.end));
  }
  return out;
}
