import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import path from "node:path";
import type { OutputFile } from "../../src/render/output.js";

/** A built site held in memory: parsed pages and the paths of every file. */
export interface BuiltSite {
  paths: Set<string>;
  page(name: string): Root;
  text(name: string): string;
}

/** Index a build's output files for assertions. */
export function siteOf(files: OutputFile[]): BuiltSite {
  const texts = new Map(
    files.flatMap((file) => ("contents" in file && typeof file.contents === "string" ? [[file.path, file.contents] as const] : [])),
  );
  const parsed = new Map<string, Root>();
  return {
    paths: new Set(files.map((file) => file.path)),
    text(name) {
      const text = texts.get(name);
      if (text === undefined) throw new Error(`no page ${name}`);
      return text;
    },
    page(name) {
      let tree = parsed.get(name);
      if (!tree) {
        tree = fromHtml(this.text(name));
        parsed.set(name, tree);
      }
      return tree;
    },
  };
}

/** Every internal link or image of a page, as the site path and fragment it points at. */
export function internalTargets(
  site: BuiltSite,
  page: string,
): { from: string; attribute: string; target: string; fragment: string | undefined }[] {
  const elements = selectAll("a[href], img[src], link[href], script[src]", site.page(page)) as Element[];
  return elements.flatMap((element) => {
    const attribute = String(element.properties.href ?? element.properties.src);
    if (/^[a-z][a-z0-9+.-]*:/i.test(attribute) || attribute.startsWith("//")) return [];
    const [file = "", fragment] = attribute.split("#", 2);
    const target = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(file)));
    return [{ from: page, attribute, target, fragment }];
  });
}
