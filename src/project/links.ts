import type { Element, Root } from "hast";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { yamlReason } from "./yaml-reason.js";

/** A shared link: `[key]: url`. */
export interface SharedLink {
  key: string;
  url: string;
}

const markdownDefinition = /^\s{0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?/;

function anchors(node: Root | Element): Element[] {
  return node.children.flatMap((child) =>
    child.type !== "element" ? [] : child.tagName === "a" ? [child, ...anchors(child)] : anchors(child),
  );
}

/**
 * The links a line of HTML anchors defines, read by an HTML parser so that
 * any attribute syntax works: `<a id=key href=url>`, single quotes, any
 * order, other attributes; `name` stands in for a missing `id`.
 */
function anchorDefinitions(line: string, fromHtml: typeof import("hast-util-from-html").fromHtml): SharedLink[] {
  return anchors(fromHtml(line, { fragment: true })).flatMap(({ properties }) => {
    const key = properties.id ?? properties.name;
    const url = properties.href;
    return typeof key === "string" && key !== "" && typeof url === "string" ? [{ key, url }] : [];
  });
}

function linksFromYaml(file: VFile, text: string): SharedLink[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  const [error] = document.errors;
  if (error) {
    report(file, "links-file", `links file is not valid YAML: ${yamlReason(error.message)}`, at(error.pos[0]));
    return [];
  }
  const contents = document.contents;
  if (contents === null) return [];
  if (!isMap(contents)) {
    report(file, "links-file", "links.yml must map each key to a URL", at(contents.range?.[0]));
    return [];
  }
  return contents.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const place = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (isScalar(pair.value) && typeof pair.value.value === "string" && key !== "") return [{ key, url: pair.value.value }];
    report(file, "links-file", `link "${key}" must be a URL string`, place);
    return [];
  });
}

/**
 * Read the shared links file: `links.md` (Markdown definitions `[key]: url`
 * or lines of HTML anchors `<a id="key" href="url">…</a>`, in any attribute
 * syntax HTML allows) or `links.yml` (key → url).
 */
export async function readSharedLinks(file: VFile): Promise<SharedLink[]> {
  const text = String(file.value);
  if (/\.ya?ml$/.test(file.path)) return linksFromYaml(file, text);
  // Loaded only for a file that has anchors: the parser is a tenth of a second a build replayed from the cache need not pay.
  const { fromHtml } = /<a[\s>]/i.test(text) ? await import("hast-util-from-html") : { fromHtml: undefined };
  return text.split("\n").flatMap((line, index) => {
    const match = markdownDefinition.exec(line);
    if (match) return [{ key: match[1] ?? "", url: match[2] ?? "" }];
    if (/^\s*(#|$)/.test(line) || !/[[<]/.test(line)) return [];
    const defined = fromHtml && /<a[\s>]/i.test(line) ? anchorDefinitions(line, fromHtml) : [];
    if (defined.length > 0) return defined;
    report(file, "links-file", `cannot read a link definition here: expected [key]: URL or <a id="key" href="URL">`, {
      line: index + 1,
      column: 1,
    });
    return [];
  });
}

/** Markdown definitions to append to a lesson so its reference links can use the shared ones. */
export function definitionsText(links: SharedLink[]): string {
  return links.map(({ key, url }) => `[${key}]: <${url.replace(/[<>\s]/g, encodeURIComponent)}>`).join("\n");
}
