import path from "node:path";
import type { Element } from "hast";
import { h } from "hastscript";
import type { CodeBlock } from "../html/highlighter.js";
import { serialiseHtml } from "../html/serialise.js";
import { dataFileBody } from "../markdown/data-file.js";
import { languageOfFile } from "../markdown/languages.js";
import type { Asset } from "../markdown/lesson-context.js";
import { readTextFile } from "../project/file-views.js";
import { pagePaths, relativeUrl } from "../project/urls.js";
import type { SiteIndex } from "../site/model.js";
import { commonContext } from "./page-context.js";
import { siteFactsDigest } from "./site-facts.js";
import { repositoryLink } from "./source-links.js";
import type { PageSpec } from "./pages.js";

/** A published file that gets a view page (see `project/file-views.ts`), with the pages that show or link it. */
export interface ViewedFile {
  /** Site path of the file as published (`03_pitfalls/server.py`). */
  path: string;
  /** Absolute path of the project file. */
  source: string;
  /** Site path of its view page (`03_pitfalls/server.py.html`). */
  page: string;
  /** Site paths of the pages that show or link the file (lessons, root pages, …), each once, in the order given. */
  usedBy: string[];
}

/**
 * The files with a view page among those each page publishes (its assets),
 * each once, in order of their path, with the pages that use it; files
 * published for their own sake (a course's every file) come with no page. A
 * file whose view page's address another file of the site already has (in
 * `taken`) gets none: that file is published there instead.
 */
export function viewedFiles(
  pages: readonly { page: string | undefined; assets: readonly Asset[] }[],
  taken: ReadonlySet<string>,
): ViewedFile[] {
  const byPath = new Map<string, ViewedFile>();
  for (const { page, assets } of pages) {
    for (const asset of assets) {
      if (asset.viewPage === undefined || taken.has(asset.viewPage)) continue;
      const known = byPath.get(asset.target) ?? { path: asset.target, source: asset.source, page: asset.viewPage, usedBy: [] };
      if (page !== undefined && !known.usedBy.includes(page)) known.usedBy.push(page);
      byPath.set(asset.target, known);
    }
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The title of each page a file's view page may link back to: the lessons, the root pages, home, glossary and bibliography. */
function pageTitles(index: SiteIndex): Map<string, string> {
  return new Map([
    [pagePaths.home, index.title],
    [pagePaths.glossary, "Glossary"],
    [pagePaths.bibliography, "Bibliography"],
    ...index.lessons.map((lesson): [string, string] => [lesson.page, lesson.title]),
    ...index.pages.map((page): [string, string] => [page.page, page.title]),
  ]);
}

/**
 * The code of a view page: a gutter of line numbers beside the highlighted
 * file. The numbers are a column of their own, hidden from assistive
 * technology and from a reader's selection, so copying the code copies only
 * the code; each carries the id `L<n>`, so `server.py.html#L12` links a line.
 */
function numberedCode(pre: Element, lines: number): Element {
  const numbers = Array.from({ length: lines }, (_, at) => [at > 0 ? "\n" : "", h("span", { id: `L${at + 1}` }, String(at + 1))]).flat();
  return h("div.file-view", [h("pre.line-numbers", { ariaHidden: "true" }, [h("code", numbers)]), pre]);
}

/**
 * One view page per file (see {@link viewedFiles}): the file's site path as
 * its title, the file highlighted as a `data-file` block of the same name
 * is, with line numbers, a link to the file itself and links back to the
 * pages that use it. Each page reads and highlights its file (with
 * `highlight`, which may run elsewhere) only when it is rendered (`prepare`),
 * so a page the cache has costs neither; its cache key holds the file's
 * contents (`files`) and the pages it links back to, whose titles are among
 * every page's facts. With a repository in `lessons.yml`, each links to its
 * file there too (`root`, the project's, says where the file is in it).
 */
export function fileViewPages(
  index: SiteIndex,
  files: readonly ViewedFile[],
  highlight: (block: CodeBlock) => Promise<Element>,
  root: string,
): PageSpec[] {
  const titles = pageTitles(index);
  return files.map((file) => ({
    path: file.page,
    template: "file",
    files: [file.source],
    select: () => [siteFactsDigest(index), JSON.stringify([file.path, file.usedBy])],
    async prepare() {
      const body = dataFileBody(readTextFile(file.source) ?? "", undefined);
      const text = body.ok ? body.text : "";
      const pre = await highlight({ code: text, language: languageOfFile(file.path) });
      const page = file.page;
      return {
        ...commonContext(index, page),
        title: file.path,
        file: {
          name: file.path.split("/").at(-1) ?? file.path,
          // Encoded as links to copied files are (`local-links.ts`): a file's name may hold a space.
          href: encodeURI(relativeUrl(page, file.path)),
          code: serialiseHtml({ type: "root", children: [numberedCode(pre, text.split("\n").length)] }),
          source:
            index.course.repository &&
            repositoryLink(index.course.repository, "view", path.relative(root, file.source).split(path.sep).join("/")),
          usedBy: file.usedBy.map((user) => ({ title: titles.get(user) ?? user, href: relativeUrl(page, user) })),
        },
      };
    },
  }));
}
