import type { RegularCommand, ValueType } from "astrocite-bibtex";
import { DICRATICS } from "astrocite-bibtex/lib/constants.js";
import type { ElementContent, Text } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import type { Position } from "unist";
import type { VFile } from "vfile";
import { report } from "../../diagnostics/report.js";

/*
 * LaTeX in BibTeX field values, as hast inline content: accents become
 * Unicode, `\emph` and `{\em …}` become elements, `--` an en dash.
 */

/** A stretch of the file parsed on its own: its text and the offset where it starts. */
export interface Piece {
  text: string;
  offset: number;
}

/** What rendering a field value needs besides the value. */
export interface Context {
  file: VFile;
  piece: Piece;
  macros: Map<string, ElementContent[]>;
  /** Where warnings about the value point, and what they name. */
  place: Position | undefined;
  label: string;
}

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

/** Accent commands and the combining marks they put on their letter: astrocite's table, and `\t` (a tie over two letters). */
const accents = new Map([...DICRATICS, ["t", "\u0361"]]);

/** Marks around brace-protected text while names are split (private-use characters, removed afterwards). */
export const OPEN = "\uE000";
export const CLOSE = "\uE001";

export function text(value: string): Text {
  return { type: "text", value };
}

/** A link for web addresses; anything else (say, `javascript:`) stays text. */
export function link(url: string, content: ElementContent[]): ElementContent[] {
  return /^(?:https?|ftp):\/\//i.test(url) ? [h("a", { href: url }, content)] : content;
}

/** Append nodes, merging neighbouring text and the spaces where two texts meet. */
export function append(out: ElementContent[], ...nodes: ElementContent[]): void {
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
export function trim(content: ElementContent[]): ElementContent[] {
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
export function inline(nodes: readonly ValueType[], context: Context): ElementContent[] {
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
export function rawText(nodes: readonly ValueType[]): string {
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
export function nameText(nodes: readonly ValueType[], context: Context): string {
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
