/** Why astrocite-bibtex: it is small (two tiny dependencies) and typed, and its AST gives every entry a line and column and every LaTeX accent and command as a node, so this module only maps nodes to Unicode and hast. */
import { AST as bibtexSyntax } from "astrocite-bibtex";
import type { Children, Entry, RegularCommand, ValueType } from "astrocite-bibtex";
import type { ElementContent, Text } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { report } from "../../diagnostics/report.js";
import { pointAt } from "../../diagnostics/source-positions.js";
import { uniqueByKey } from "../keyed-definitions.js";

/** One entry of `bibliography.bib`, formatted for the bibliography page. */
export interface BibliographyEntry {
  key: string;
  position: Position | undefined;
  /** the formatted reference as hast inline content */
  content: ElementContent[];
}

/** A stretch of the file parsed on its own: its text and the offset where it starts. */
interface Piece {
  text: string;
  offset: number;
}

/** What rendering a field value needs besides the value. */
interface Context {
  file: VFile;
  piece: Piece;
  macros: Map<string, ElementContent[]>;
  /** Where warnings about the value point, and what they name. */
  place: Position | undefined;
  label: string;
}

/** The part of a peg.js syntax error this module reads. */
interface PegSyntaxError {
  found: string | null;
  expected: { type: string; text?: string }[] | null;
  location: { start: { offset: number } };
}

const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `{\em …}`-style switches and the element their group becomes. */
const switches = new Map(
  Object.entries({
    em: "em",
    it: "em",
    itshape: "em",
    sl: "em",
    slshape: "em",
    bf: "strong",
    bfseries: "strong",
    tt: "code",
    ttfamily: "code",
  }),
);

/** Commands whose argument is styled. */
const styles = new Map(
  Object.entries({
    emph: "em",
    textit: "em",
    textsl: "em",
    textbf: "strong",
    texttt: "code",
    textsuperscript: "sup",
    textsubscript: "sub",
  }),
);

/** Commands that print their arguments unchanged (case and font changes the web page does not need). */
const plain = new Set([
  "textrm",
  "textsf",
  "textsc",
  "textnormal",
  "textup",
  "textmd",
  "mbox",
  "hbox",
  "text",
  "ensuremath",
  "mathrm",
  "mathit",
  "mathbf",
  "mathsf",
  "mathtt",
  "NoCaseChange",
  "nocase",
]);

/** Commands that stand for a character or a word. */
// prettier-ignore
const symbols = new Map(Object.entries({
  ss: "ß", SS: "SS", o: "ø", O: "Ø", l: "ł", L: "Ł", ae: "æ", AE: "Æ", oe: "œ", OE: "Œ", aa: "å", AA: "Å", i: "ı", j: "ȷ",
  dh: "ð", DH: "Ð", th: "þ", TH: "Þ", ng: "ŋ", NG: "Ŋ", dj: "đ", DJ: "Đ",
  dots: "…", ldots: "…", textellipsis: "…", textendash: "–", textemdash: "—", textquoteleft: "‘", textquoteright: "’",
  textquotedblleft: "“", textquotedblright: "”", guillemotleft: "«", guillemotright: "»", textasciitilde: "~", textasciicircum: "^",
  textbackslash: "\\", textunderscore: "_", textbar: "|", textless: "<", textgreater: ">", textdegree: "°", copyright: "©",
  textcopyright: "©", textregistered: "®", texttrademark: "™", pounds: "£", textsterling: "£", euro: "€", texteuro: "€",
  S: "§", P: "¶", dag: "†", ddag: "‡", textbullet: "•", times: "×", pm: "±", infty: "∞", rightarrow: "→", leftarrow: "←",
  TeX: "TeX", LaTeX: "LaTeX", LaTeXe: "LaTeX2ε", BibTeX: "BibTeX", relax: "",
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ", eta: "η", theta: "θ", iota: "ι",
  kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ", upsilon: "υ", phi: "φ",
  varphi: "φ", chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π",
  Sigma: "Σ", Upsilon: "Υ", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
}));

/** One-character commands (`\&`, `\,`, `\-`) that are not simply the character; an accent with no letter is dropped. */
// prettier-ignore
const controlSymbols = new Map(Object.entries({
  " ": " ", ",": "\u2009", ";": " ", "-": "", "/": "", "@": "", "\\": " ", "'": "", "`": "", '"': "", "^": "", "~": "", "=": "", ".": "",
}));

/** Accent commands and the combining marks they put on their letter. */
// prettier-ignore
const accents = new Map(Object.entries({
  "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", u: "\u0306", ".": "\u0307", '"': "\u0308",
  r: "\u030A", H: "\u030B", v: "\u030C", d: "\u0323", c: "\u0327", k: "\u0328", b: "\u0331", t: "\u0361",
}));

/** Thesis types and the words that describe them. */
const theses = new Map(Object.entries({ phdthesis: "PhD thesis", mastersthesis: "Master’s thesis", thesis: "Thesis" }));

/** Types whose title is part of a larger work: the title is quoted and the larger work set in italics. */
const partTypes = new Set(["article", "inproceedings", "conference", "incollection"]);

/** Marks around brace-protected text while names are split (private-use characters, removed afterwards). */
const OPEN = "\uE000";
const CLOSE = "\uE001";

/**
 * Parse `file` (a VFile whose value is the text of bibliography.bib; its path is relative to the project root) into entries sorted by key.
 *
 * `@book{Stoneman2020, author = {Elton Stoneman}, title = {Docker in a Month of Lunches}, publisher = {Manning}, year = {2020}}`
 * becomes `Elton Stoneman: <em>Docker in a Month of Lunches</em>. Manning, 2020.`
 * Syntax errors, keys defined twice and entries with neither author, editor nor title
 * are reported on `file`; every entry that can be read is returned.
 */
export function parseBibtex(file: VFile): BibliographyEntry[] {
  const macros = new Map<string, ElementContent[]>(months.map((month) => [month.slice(0, 3).toLowerCase(), [text(month)]]));
  const entries: BibliographyEntry[] = [];
  for (const { node, piece } of parseNodes(file)) {
    if (node.kind === "StringExpression") {
      const context: Context = { file, piece, macros, place: positionOf(file, piece, node), label: `@string "${node.key}"` };
      macros.set(node.key.toLowerCase(), trim(inline(values(node.value), context)));
    } else if (node.kind === "Entry") {
      const entry = readEntry(node, file, piece, macros);
      if (entry) entries.push(entry);
    }
  }
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  return uniqueByKey(entries, file, "bib-duplicate", "bibliography").sort(
    (a, b) => collator.compare(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Parse the whole file; after a syntax error, parse it entry by entry so one broken entry does not hide the rest. */
function parseNodes(file: VFile): { node: Children; piece: Piece }[] {
  const whole: Piece = { text: String(file.value), offset: 0 };
  const result = tryParse(whole);
  if (!("error" in result)) return result.children.map((node) => ({ node, piece: whole }));
  const nodes: { node: Children; piece: Piece }[] = [];
  for (const piece of splitAtEntries(whole.text)) {
    const parsed = tryParse(piece);
    if ("error" in parsed) reportSyntaxError(file, piece, parsed.error);
    else nodes.push(...parsed.children.map((node) => ({ node, piece })));
  }
  return nodes;
}

function tryParse(piece: Piece): { children: Children[] } | { error: unknown } {
  try {
    return { children: bibtexSyntax.parse(piece.text).children };
  } catch (error) {
    return { error };
  }
}

/** Cut the text before every `@` that starts a line. */
function splitAtEntries(text: string): Piece[] {
  const starts = [0, ...[...text.matchAll(/^[ \t]*@/gm)].map((match) => match.index)];
  return starts
    .map((start, index) => ({ text: text.slice(start, starts[index + 1] ?? text.length), offset: start }))
    .filter((piece) => piece.text.trim() !== "");
}

function isPegSyntaxError(error: unknown): error is PegSyntaxError {
  return error instanceof Error && error.name === "SyntaxError" && typeof (error as { location?: unknown }).location === "object";
}

function reportSyntaxError(file: VFile, piece: Piece, error: unknown): void {
  const leading = piece.text.length - piece.text.trimStart().length;
  const start = pointAt(file, piece.offset + leading);
  const key = /^\s*@\s*[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)/.exec(piece.text)?.[1];
  const entry = key === undefined ? "bibliography entry" : `bibliography entry "${key}"`;
  if (!isPegSyntaxError(error)) {
    report(file, "bib-entry", `cannot read ${entry}: ${error instanceof Error ? error.message : String(error)}`, start);
  } else if (error.found === null) {
    report(file, "bib-entry", `${entry} ends before it is complete (is a "}" missing?)`, start);
  } else {
    const literals = [
      ...new Set(
        (error.expected ?? []).flatMap((item) => (item.type === "literal" && item.text && item.text !== "%" ? [`"${item.text}"`] : [])),
      ),
    ];
    const expected = literals.length
      ? `, expected ${literals.slice(0, -1).join(", ")}${literals.length > 1 ? " or " : ""}${literals.at(-1)}`
      : "";
    const offset = piece.offset + error.location.start.offset;
    report(file, "bib-entry", `cannot read ${entry}: unexpected "${error.found}"${expected}`, {
      start: pointAt(file, offset),
      end: pointAt(file, offset + error.found.length),
    });
  }
}

/** Where a parsed node is in the file, without the whitespace the parser counts after it. */
function positionOf(file: VFile, piece: Piece, node: Children): Position {
  const start = piece.offset + node.loc.start.offset;
  let end = piece.offset + node.loc.end.offset;
  const text = String(file.value);
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: pointAt(file, start), end: pointAt(file, end) };
}

/** A field's value as a list (the parser gives a lone number as a bare node). */
function values(value: ValueType[] | ValueType): ValueType[] {
  return Array.isArray(value) ? value : [value];
}

function readEntry(node: Entry, file: VFile, piece: Piece, macros: Map<string, ElementContent[]>): BibliographyEntry | undefined {
  const position = positionOf(file, piece, node);
  if (node.id === "") {
    report(file, "bib-entry", `bibliography entry @${node.type} has no key`, position);
    return undefined;
  }
  const fields = new Map<string, ValueType[]>();
  for (const property of node.properties) {
    const name = property.key.toLowerCase();
    if (!fields.has(name)) fields.set(name, values(property.value));
  }
  const context: Context = { file, piece, macros, place: position, label: `bibliography entry "${node.id}"` };
  const reference = new Reference(node.type, fields, context);
  if (!reference.names("author") && !reference.names("editor") && !reference.field("title")) {
    report(file, "bib-entry", `bibliography entry "${node.id}" has neither author, editor nor title`, position);
  }
  const content = reference.format();
  return { key: node.id, position, content: content.length ? content : [text(node.id)] };
}

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

/** One entry's fields, and the rules that turn them into a reference. */
class Reference {
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

function text(value: string): Text {
  return { type: "text", value };
}

/** A link for web addresses; anything else (say, `javascript:`) stays text. */
function link(url: string, content: ElementContent[]): ElementContent[] {
  return /^(?:https?|ftp):\/\//i.test(url) ? [h("a", { href: url }, content)] : content;
}

/** Append nodes, merging neighbouring text and the spaces where two texts meet. */
function append(out: ElementContent[], ...nodes: ElementContent[]): void {
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === "text" && last?.type === "text") {
      last.value += last.value.endsWith(" ") && node.value.startsWith(" ") ? node.value.slice(1) : node.value;
    } else if (node.type !== "text" || node.value !== "") {
      out.push(node.type === "text" ? text(node.value) : node);
    }
  }
}

/** Drop whitespace at the start and end of inline content. */
function trim(content: ElementContent[]): ElementContent[] {
  const out = [...content];
  const first = out[0];
  if (first?.type === "text") out[0] = text(first.value.trimStart());
  const last = out.at(-1);
  if (last?.type === "text") out[out.length - 1] = text(last.value.trimEnd());
  return out.filter((node) => node.type !== "text" || node.value !== "");
}

/** TeX's ligatures and spacing in plain text: `--` en dash, `---` em dash, `~` no-break space, ``` `` ``` and `''` curly quotes. */
function typeset(raw: string): string {
  return raw.replace(/\s+/g, " ").replace(/---/g, "—").replace(/--/g, "–").replace(/``/g, "“").replace(/''/g, "”").replace(/~/g, "\u00A0");
}

/** The field value as hast inline content: accents become Unicode, `\emph` and friends become elements. */
function inline(nodes: readonly ValueType[], context: Context): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    switch (node.kind) {
      case "Text":
        // The parser also turns `<` into `¡` (a quirk of old TeX fonts), so read the text as written.
        append(out, text(typeset(context.piece.text.slice(node.loc.start.offset, node.loc.end.offset))));
        break;
      case "Number":
        append(out, text(String(node.value)));
        break;
      case "String": {
        const macro = context.macros.get(node.value.toLowerCase());
        if (!macro) report(context.file, "bib-entry", `unknown @string "${node.value}" in ${context.label}`, context.place, "warning");
        append(out, ...(macro ? structuredClone(macro) : [text(node.value)]));
        break;
      }
      case "NestedLiteral":
        append(out, ...group(node.value, context));
        break;
      case "RegularCommand":
        append(out, ...command(node, context));
        break;
      case "SymbolCommand":
        append(out, text(controlSymbols.get(node.value) ?? node.value));
        break;
      case "DicraticalCommand":
        append(out, text(`${node.character}${accents.get(node.mark) ?? ""}`.normalize("NFC")));
        break;
      case "SubscriptCommand":
        append(out, h("sub", node.value));
        break;
      case "SuperscriptCommand":
        append(out, h("sup", node.value));
        break;
      case "MathMode":
        break;
    }
  }
  return out;
}

/** A braced group: protected text, or `{\em …}` and other font switches. */
function group(nodes: readonly ValueType[], context: Context): ElementContent[] {
  const [first, ...rest] = nodes;
  const tag = first?.kind === "RegularCommand" && first.arguments.length === 0 ? switches.get(first.value) : undefined;
  return tag ? [h(tag, trim(inline(rest, context)))] : inline(nodes, context);
}

function command(node: RegularCommand, context: Context): ElementContent[] {
  const required = node.arguments.flatMap((argument) => (argument.kind === "RequiredArgument" ? [argument.value] : []));
  const argument = (index: number): ElementContent[] => inline(required[index] ?? [], context);
  const tag = styles.get(node.value);
  if (tag) return [h(tag, argument(0))];
  if (node.value === "url") {
    const url = rawText(required[0] ?? []).trim();
    return link(url, [text(url)]);
  }
  if (node.value === "href") return link(rawText(required[0] ?? []).trim(), argument(1));
  // `{\noopsort{a}}Title` sorts the entry without printing "a".
  if (node.value === "noopsort") return [];
  const symbol = symbols.get(node.value);
  if (symbol !== undefined) return [text(symbol), ...required.flatMap((_, index) => argument(index))];
  if (plain.has(node.value) || required.length) return required.flatMap((_, index) => argument(index));
  report(context.file, "bib-entry", `unknown LaTeX command "\\${node.value}" in ${context.label} is left out`, context.place, "warning");
  return [];
}

/** The text of verbatim values (URLs, DOIs), exactly as the parser kept it. */
function rawText(nodes: readonly ValueType[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case "Text":
        case "Number":
          return String(node.value);
        case "NestedLiteral":
          return rawText(node.value);
        case "SymbolCommand":
          return node.value;
        case "SubscriptCommand":
          return `_${node.value}`;
        case "SuperscriptCommand":
          return `^${node.value}`;
        default:
          return "";
      }
    })
    .join("");
}

/** A name list as plain text, with brace-protected text (`{Barnes and Noble}`) between OPEN and CLOSE. */
function nameText(nodes: readonly ValueType[], context: Context): string {
  return nodes
    .map((node) => {
      if (node.kind === "Text") return typeset(context.piece.text.slice(node.loc.start.offset, node.loc.end.offset));
      if (node.kind === "Number") return String(node.value);
      if (node.kind === "String") return toString(h(null, inline([node], context)));
      const inner = node.kind === "NestedLiteral" ? nameText(node.value, context) : toString(h(null, inline([node], context)));
      return `${OPEN}${inner}${CLOSE}`;
    })
    .join("");
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
