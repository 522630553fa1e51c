import { parse as parseYaml } from "yaml";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";

/** A shared link: `[key]: url`. */
export interface SharedLink {
  key: string;
  url: string;
}

const markdownDefinition = /^\s{0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?/;
const anchorDefinition = /<a\s+id="([^"]+)"\s+href="([^"]+)"/;

/**
 * Read the shared links file: `links.md` (Markdown definitions `[key]: url`
 * or lines `<a id="key" href="url">…</a>`) or `links.yml` (key → url).
 */
export function readSharedLinks(file: VFile): SharedLink[] {
  const text = String(file.value);
  if (/\.ya?ml$/.test(file.path)) {
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (error) {
      report(file, "links-file", `links file is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
      return [];
    }
    if (data === null || data === undefined) return [];
    if (typeof data !== "object" || Array.isArray(data)) {
      report(file, "links-file", "links.yml must map each key to a URL");
      return [];
    }
    return Object.entries(data as Record<string, unknown>).flatMap(([key, url]) => {
      if (typeof url === "string") return [{ key, url }];
      report(file, "links-file", `link "${key}" must be a URL string`);
      return [];
    });
  }
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
