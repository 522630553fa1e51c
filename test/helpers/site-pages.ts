import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { readdirSync, readFileSync } from "node:fs";
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
  return indexed(new Set(files.map((file) => file.path)), (name) => texts.get(name));
}

/** Index a site written to `folder` (as test/setup/own-site.ts writes the project's own) for assertions. */
export function writtenSite(folder: string): BuiltSite {
  const paths = readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  const found = new Set(paths);
  return indexed(found, (name) => (found.has(name) ? readFileSync(path.join(folder, name), "utf8") : undefined));
}

function indexed(paths: Set<string>, read: (name: string) => string | undefined): BuiltSite {
  const parsed = new Map<string, Root>();
  return {
    paths,
    text(name) {
      const text = read(name);
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
