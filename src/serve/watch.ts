import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { legacyLessonName, type ProjectLayout } from "../project/layout.js";
import { mayBePublished } from "../project/published-files.js";
import { configFileName } from "../project/config-source.js";

const rootInput = /\.(md|bib|ya?ml)$/i;

function isEditorLeftover(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || name === "4913";
}

/**
 * True when `file` (absolute) is, or may hold, an input of the build, so a
 * change to it needs a rebuild: `lessons.yml` and the files it names (as
 * the project started with it), `templates/`; `content/` and `data-files/`
 * in the current layout; in the older one the `NN_slug/`
 * lesson folders, the Markdown, BibTeX and YAML files at the root (home
 * page, glossary, bibliography, links) with `pyproject.toml`, and every
 * folder whose files the site publishes as they are (`static/`, `misc/`;
 * see `mayBePublished`). Hidden files and editors' backup and swap files
 * are not inputs. The root itself is, so it can be watched.
 */
export function isProjectInput(layout: ProjectLayout, file: string): boolean {
  const relative = path.relative(layout.root, file);
  if (relative === "") return true;
  if (relative.startsWith("..") || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  if (parts.some(isEditorLeftover)) return false;
  const [top = ""] = parts;
  if (top === "templates" || (parts.length === 1 && top === configFileName)) return true;
  const { logo, favicon, css } = layout.config.settings;
  if ([logo, favicon, ...css].some((named) => named?.source === file)) return true;
  if (layout.kind === "content") return top === "content" || top === "data-files";
  // pyproject.toml's [tool.mccole] table says where root pages are published.
  return (
    legacyLessonName.test(top) ||
    (parts.length === 1 && (rootInput.test(top) || top === "pyproject.toml")) ||
    mayBePublished(layout.root, file)
  );
}

/**
 * Watch a project's inputs (see `isProjectInput`) and tell `onChange` the
 * absolute path of every file or folder added, changed or removed, and
 * `onError` of every watcher failure, during start-up too: a failure never
 * stops the watching of the rest. Watching the root with a filter, rather
 * than each input, also sees a `templates/` folder or a lesson folder
 * created later. Symbolic links are watched as links, not followed: a link
 * to a folder inside the project leads to files watched where they are,
 * nothing outside the project is read, and a link that loops (`loop -> .`)
 * cannot send the watcher round it. Resolves once the watcher is ready.
 */
export async function watchProject(
  layout: ProjectLayout,
  onChange: (file: string) => void,
  onError: (error: unknown) => void,
): Promise<FSWatcher> {
  const watcher = watch(layout.root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (file) => !isProjectInput(layout, path.resolve(file)),
  });
  watcher.on("all", (_event, file) => onChange(path.resolve(file)));
  watcher.on("error", onError);
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  return watcher;
}
