import path from "node:path";
import { existsSync } from "node:fs";
import type { ProjectLayout } from "./layout.js";

/** The course's own icon: the file, where the site keeps it, and its media type. */
export interface CourseFavicon {
  /** Absolute path of the icon file. */
  source: string;
  /** Its path in the site, relative to the output folder, `/`-separated. */
  path: string;
  /** Its media type, for the `type` of the pages' `<link rel="icon">`. */
  type: string;
}

/** The icon file names a course may have, the first found winning, with their media types. */
const iconTypes: [name: string, type: string][] = [
  ["favicon.svg", "image/svg+xml"],
  ["favicon.png", "image/png"],
  ["favicon.ico", "image/x-icon"],
];

/** The media type of an icon file by its name's extension (`.svg`, `.png`, `.ico`), or undefined for another. */
export function iconTypeOf(file: string): string | undefined {
  const extension = path.extname(file).toLowerCase();
  return iconTypes.find(([name]) => path.extname(name) === extension)?.[1];
}

/**
 * The course's own icon, if it has one: the one its configuration names
 * (`favicon:` in `lessons.yml`), else `static/favicon.svg`, `.png` or
 * `.ico` in the older layout, where the older tool published `static/` at
 * the same address; `content/favicon.*` in the current one, at the site's
 * root. Undefined when it has none, and pages keep the generator's icon.
 */
export function findFavicon(layout: ProjectLayout): CourseFavicon | undefined {
  if (layout.config.settings.favicon) return layout.config.settings.favicon;
  const folder = layout.kind === "legacy" ? path.join(layout.root, "static") : layout.contentDir;
  for (const [name, type] of iconTypes) {
    const source = path.join(folder, name);
    if (existsSync(source)) return { source, path: path.relative(layout.contentDir, source).split(path.sep).join("/"), type };
  }
  return undefined;
}
