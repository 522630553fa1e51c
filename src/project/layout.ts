import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { filesUnder } from "./files-under.js";
import { publishedMarkdown } from "./published-files.js";
import { isSkipped, readOlderConfig, type OlderConfig } from "./older-config.js";
import { readCourseConfig, type CourseConfig } from "./course-config.js";

/** Which of the two supported folder layouts a project uses. */
export type LayoutKind = "content" | "legacy";

/** One lesson folder as found on disk, before its Markdown is read. */
export interface LessonFolder {
  /** Folder name, used in URLs and `[%x]` references. */
  slug: string;
  /** Absolute path of the lesson's `index.md`. */
  file: string;
  /** Absolute path of the folder holding figures and tables. */
  dir: string;
  /** Absolute path of the folder `data-file` paths are relative to. */
  dataDir: string;
}

/** Where everything of a project lives. All paths are absolute. */
export interface ProjectLayout {
  kind: LayoutKind;
  root: string;
  /** Folder of the home page, glossary, bibliography and links files. */
  contentDir: string;
  home: string | undefined;
  glossary: string | undefined;
  bibliography: string | undefined;
  links: string | undefined;
  /**
   * Other Markdown files of the content folder (`LICENSE.md`, `CONTRIBUTING.md`),
   * each a page of its own, in natural order; in the older layout also those
   * of the lesson folders (`01_files/notes.md`), lesson by lesson, and of
   * the other folders it publishes (`misc/notes.md`), as the older tool
   * published them, but for those `[tool.mccole]` skips.
   */
  pages: string[];
  /**
   * Markdown files that become pages only when a page links them, as the
   * older tool published them: in the older layout, `links.md`.
   */
  pagesWhenLinked: string[];
  /** Lesson folders in natural order of their names. */
  lessons: LessonFolder[];
  /** The project's own templates folder (may be missing), searched before the built-in one. */
  templates: string;
  /**
   * In the older layout, what `pyproject.toml`'s `[tool.mccole]` table says
   * about the older tool's addresses (renamed pages, skipped paths), which
   * the site keeps; undefined in the current layout.
   */
  older: OlderConfig | undefined;
  /** What `lessons.yml` (or, in the older layout, `pyproject.toml`'s `[tool.lessons]`) says: title, address, language, …. */
  config: CourseConfig;
}

/** The templates folder that ships with the generator. */
export const builtinTemplates = fileURLToPath(new URL("../../templates/", import.meta.url));

const naturalOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
/** A lesson folder name in the older layout: `01_intro`, `s02_docker.basics`. */
export const legacyLessonName = /^s?\d+_[\w.-]+$/;

function firstExisting(dir: string, names: string[]): string | undefined {
  return names.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

/** Markdown files of the content folder with a role of their own: home page, glossary, bibliography, shared links. */
const specialPages = new Set(["index.md", "readme.md", "glossary.md", "bibliography.md", "links.md"]);

/** The content folder's other `*.md` files, which become pages of their own. */
function rootPages(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md") && !name.startsWith(".") && !specialPages.has(name.toLowerCase()))
    .map((name) => path.join(dir, name))
    .filter((file) => !isDirectory(file))
    .sort(naturalOrder.compare);
}

/**
 * The Markdown files of an older-layout lesson folder, at any depth, but its
 * `index.md` (the lesson) and `slides.md` (the older tool's slides, which the
 * site makes from the lesson).
 */
function lessonPages(folder: LessonFolder): string[] {
  return filesUnder(folder.dir).filter((file) => {
    if (!file.endsWith(".md")) return false;
    const relative = path.relative(folder.dir, file);
    return relative !== "index.md" && relative !== "slides.md";
  });
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether `folder` is a symbolic link back to `parent` or above it
 * (`loop -> .`): its `index.md` is the home page's or another lesson's, and
 * its folders lead round the loop.
 */
function leadsBack(folder: string, parent: string): boolean {
  try {
    const [real, realParent] = [realpathSync(folder), realpathSync(parent)];
    return realParent === real || realParent.startsWith(real + path.sep);
  } catch {
    return true;
  }
}

function lessonFolders(dir: string, accept: (name: string) => boolean, dataRoot: string | undefined): LessonFolder[] {
  return readdirSync(dir)
    .filter((name) => accept(name) && !name.startsWith(".") && isDirectory(path.join(dir, name)) && !leadsBack(path.join(dir, name), dir))
    .filter((name) => existsSync(path.join(dir, name, "index.md")))
    .sort(naturalOrder.compare)
    .map((slug) => ({
      slug,
      file: path.join(dir, slug, "index.md"),
      dir: path.join(dir, slug),
      dataDir: dataRoot ? path.join(dataRoot, slug) : path.join(dir, slug),
    }));
}

/**
 * Find a project's files under `root`. A `content/` folder means the current
 * layout; otherwise lessons are `NN_slug/` or `sNN_slug/` folders at the root
 * with their data files beside `index.md` and `README.md` as the home page.
 */
export function detectLayout(root: string): ProjectLayout {
  const absoluteRoot = path.resolve(root);
  const contentDir = path.join(absoluteRoot, "content");
  const templates = path.join(absoluteRoot, "templates");
  const shared = (dir: string) => ({
    glossary: firstExisting(dir, ["glossary.md", "glossary.yml", "glossary.yaml"]),
    bibliography: firstExisting(dir, ["bibliography.bib", "bibliography.md"]),
    links: firstExisting(dir, ["links.md", "links.yml", "links.yaml"]),
  });
  if (isDirectory(contentDir)) {
    return {
      kind: "content",
      root: absoluteRoot,
      contentDir,
      home: firstExisting(contentDir, ["index.md", "README.md"]),
      ...shared(contentDir),
      pages: rootPages(contentDir),
      pagesWhenLinked: [],
      lessons: lessonFolders(contentDir, () => true, path.join(absoluteRoot, "data-files")),
      templates,
      older: undefined,
      config: readCourseConfig({ root: absoluteRoot, contentDir }, undefined),
    };
  }
  const older = readOlderConfig(absoluteRoot);
  const { links, ...documents } = shared(absoluteRoot);
  const lessons = lessonFolders(absoluteRoot, (name) => legacyLessonName.test(name), undefined);
  const published = (file: string) => !isSkipped(older, path.relative(absoluteRoot, file).split(path.sep).join("/"));
  return {
    kind: "legacy",
    root: absoluteRoot,
    contentDir: absoluteRoot,
    home: firstExisting(absoluteRoot, ["README.md", "index.md"]),
    ...documents,
    links,
    // The older tool published no page for a skipped file.
    pages: [
      ...rootPages(absoluteRoot),
      ...lessons.flatMap(lessonPages),
      ...publishedMarkdown(absoluteRoot, (name) => legacyLessonName.test(name), { skips: older.skips }),
    ].filter(published),
    pagesWhenLinked: links?.endsWith(".md") && published(links) ? [links] : [],
    lessons,
    templates,
    older,
    config: readCourseConfig({ root: absoluteRoot, contentDir: absoluteRoot }, older.file),
  };
}
