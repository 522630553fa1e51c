import type { VFile } from "vfile";
import type { StageTimings } from "../diagnostics/timings.js";
import { findFavicon, type CourseFavicon } from "../project/favicon.js";
import { detectLayout, type ProjectLayout } from "../project/layout.js";
import { definitionsText, readSharedLinks } from "../project/links.js";
import { publishedFiles, type PublishedFile } from "../project/published-files.js";
import { readSourceFile } from "../project/source-file.js";

/** The project as every later stage sees it. */
export interface Project {
  layout: ProjectLayout;
  /** The shared links file (`links.md`, `links.yml`), whose problems are reported with the site. */
  linksFile: VFile | undefined;
  /** Its link definitions, appended to every document. */
  sharedDefinitions: string;
  /** In the older layout, every file the course publishes as it is (none in the current layout). */
  published: PublishedFile[];
  /** The course's own icon, which every page links (see `findFavicon`). */
  favicon: CourseFavicon | undefined;
}

/**
 * The project stage: the layout, the shared links (every document is
 * parsed with them) and, in the older layout, the files published as they
 * are. `exclude` names folders inside the root that are not the course's
 * (the build cache's).
 */
export async function readProject(
  root: string,
  options: { exclude?: string[]; timings?: StageTimings | undefined } = {},
): Promise<Project> {
  const layout = detectLayout(root);
  const linksFile = layout.links ? readSourceFile(layout.root, layout.links) : undefined;
  const sharedDefinitions = linksFile ? definitionsText(await readSharedLinks(linksFile)) : "";
  const list = () => publishedFiles(layout, { skips: layout.older?.skips ?? [], exclude: options.exclude ?? [] });
  const published = layout.kind !== "legacy" ? [] : options.timings ? options.timings.time("published files", list) : list();
  return { layout, linksFile, sharedDefinitions, published, favicon: findFavicon(layout) };
}
