import path from "node:path";
import type { ElementContent, Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import { insertErrorMarkers } from "../html/error-markers.js";
import { VFile } from "vfile";
import { documentTree, readProjectFile, type DocumentOptions } from "../html/lesson-document.js";
import { parseBibtex, type BibliographyEntry } from "./bibtex/parse.js";
import { homeFrontMatter, splitFrontMatter } from "../project/front-matter.js";
import { checkGlossary, glossaryFromHtml, glossaryFromYaml, termFromText, type GlossaryEntry } from "./glossary.js";
import { byKey, readKeyedDefinitions, uniqueByKey } from "./keyed-definitions.js";
import type { ProjectLayout } from "../project/layout.js";
import { readSourceFile } from "../project/source-file.js";
import { pagePaths } from "../project/urls.js";

/** A file read for the site, with the problems found in it. */
export interface Loaded<T> {
  file: VFile | undefined;
  value: T;
}

function folderContext(layout: ProjectLayout) {
  return { slug: "", dir: layout.contentDir, dataDir: layout.contentDir, contentDir: layout.contentDir };
}

/** The text of the first `<h1>` of `tree`, and the other top-level nodes: a page's title and body. */
function titleAndBody(tree: HastRoot): { heading: string | undefined; body: ElementContent[] } {
  let heading: string | undefined;
  const body = tree.children.filter((node): node is ElementContent => {
    if (heading === undefined && node.type === "element" && node.tagName === "h1") {
      heading = toString(node);
      return false;
    }
    return node.type !== "doctype";
  });
  return { heading, body };
}

/** A Markdown file of the content folder that is a page of its own (`LICENSE.md`): its source path, title and body. */
export interface RootPage {
  /** Path relative to the project root, `/`-separated: how links name it. */
  source: string;
  /** Where the page goes unless the older layout's renames move it (see `pagePaths.root`). */
  address: string;
  title: string;
  body: ElementContent[];
  /** Whether the page is published only when a page links it (`ProjectLayout.pagesWhenLinked`). */
  whenLinked?: boolean;
}

/** Read a root page (see `ProjectLayout.pages`); its title is `title:` or its first `# ` heading, else its file name. */
export async function readRootPage(
  layout: ProjectLayout,
  absolute: string,
  options: DocumentOptions,
  whenLinked = false,
): Promise<{ file: VFile; value: RootPage }> {
  // Its figures and data files are beside it, as a lesson's are.
  const folder = path.dirname(absolute);
  const file = readProjectFile(absolute, { ...folderContext(layout), dir: folder, dataDir: folder }, options);
  const { data, body } = splitFrontMatter(file, homeFrontMatter);
  const tree = await documentTree(file, body, options);
  insertErrorMarkers(tree, file);
  const { heading, body: content } = titleAndBody(tree);
  const posix = (relative: string) => relative.split(path.sep).join("/");
  const source = posix(path.relative(layout.root, absolute));
  const address = pagePaths.root(posix(path.relative(layout.contentDir, absolute)));
  const title = data.title ?? heading ?? path.basename(absolute, ".md");
  return { file, value: { source, address, title, body: content, ...(whenLinked ? { whenLinked } : {}) } };
}

/** The home page: title, subtitle, lesson and appendix lists and introduction. */
export async function readHome(layout: ProjectLayout, options: DocumentOptions) {
  const fallback = { title: "Lessons", subtitle: undefined, lessons: undefined, appendices: undefined, intro: [] as ElementContent[] };
  if (!layout.home) return { file: undefined, value: fallback };
  const file = readProjectFile(layout.home, folderContext(layout), options);
  const { data, body } = splitFrontMatter(file, homeFrontMatter);
  const tree = await documentTree(file, body, options);
  insertErrorMarkers(tree, file);
  const { heading, body: intro } = titleAndBody(tree);
  return {
    file,
    value: {
      title: data.title ?? heading ?? fallback.title,
      subtitle: data.subtitle,
      lessons: data.lessons,
      appendices: data.appendices,
      intro,
    },
  };
}

/** The glossary from `glossary.md` or `glossary.yml`, sorted by term. */
export async function readGlossary(layout: ProjectLayout, options: DocumentOptions): Promise<Loaded<GlossaryEntry[]>> {
  if (!layout.glossary) return { file: undefined, value: [] };
  const file = readProjectFile(layout.glossary, folderContext(layout), options);
  if (!/\.ya?ml$/.test(layout.glossary)) {
    const { body } = splitFrontMatter(file, homeFrontMatter);
    return { file, value: checkGlossary(glossaryFromHtml(await documentTree(file, body, options), file), file) };
  }
  const entries: GlossaryEntry[] = [];
  for (const source of glossaryFromYaml(file)) {
    // A definition is its own small Markdown document; what is found in it is
    // reported where the definition is written, since a folded YAML string's
    // offsets do not map back to the file.
    const definition = new VFile({ path: file.path, cwd: options.root, value: source.markdown });
    definition.data.lesson = { ...folderContext(layout), root: options.root };
    const tree = await documentTree(definition, source.markdown, options);
    const place = source.definitionPosition ?? source.position;
    visit(tree, (node) => {
      node.position = place;
    });
    for (const message of definition.messages) {
      Object.assign(message, { place, line: place?.start.line, column: place?.start.column });
      file.messages.push(message);
    }
    const termContent = termFromText(source.term);
    const term = toString(h(null, termContent));
    entries.push({ key: source.key, term, termContent, definition: tree.children as ElementContent[], position: source.position });
  }
  return { file, value: checkGlossary(entries, file) };
}

/** The bibliography from `bibliography.bib` (BibTeX) or `bibliography.md`, sorted by key. */
export async function readBibliography(layout: ProjectLayout, options: DocumentOptions): Promise<Loaded<BibliographyEntry[]>> {
  if (!layout.bibliography) return { file: undefined, value: [] };
  if (layout.bibliography.endsWith(".bib")) {
    const file = readSourceFile(options.root, layout.bibliography);
    return { file, value: parseBibtex(file) };
  }
  const file = readProjectFile(layout.bibliography, folderContext(layout), options);
  const { body } = splitFrontMatter(file, homeFrontMatter);
  const definitions = readKeyedDefinitions(await documentTree(file, body, options), file, "bib-entry");
  const entries = uniqueByKey(definitions, file, "bib-duplicate", "bibliography").map(({ key, content, position }) => ({
    key,
    content,
    position,
  }));
  return { file, value: entries.sort(byKey) };
}
