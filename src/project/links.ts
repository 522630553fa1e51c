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
const anchorDefinition = /<a\s+id="([^"]+)"\s+href="([^"]+)"/;

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
 * or lines `<a id="key" href="url">…</a>`) or `links.yml` (key → url).
 */
export function readSharedLinks(file: VFile): SharedLink[] {
  const text = String(file.value);
  if (/\.ya?ml$/.test(file.path)) return linksFromYaml(file, text);
  return text.split("\n").flatMap((line, index) => {
    const match = markdownDefinition.exec(line) ?? anchorDefinition.exec(line);
    if (match) return [{ key: match[1] ?? "", url: match[2] ?? "" }];
    if (/^\s*(#|$)/.test(line) || !/[[<]/.test(line)) return [];
    report(file, "links-file", `cannot read a link definition here: expected [key]: URL`, { line: index + 1, column: 1 });
    return [];
  });
}

/** Markdown definitions to append to a lesson so its reference links can use the shared ones. */
export function definitionsText(links: SharedLink[]): string {
  return links.map(({ key, url }) => `[${key}]: <${url.replace(/[<>\s]/g, encodeURIComponent)}>`).join("\n");
}
