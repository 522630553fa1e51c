import type { VFile } from "vfile";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";
import type { LessonFolder } from "./layout.js";

/**
 * The lessons in site order: the home page's `lessons:` list when it has
 * one (unknown names are `lesson-unknown` errors on the home page), else the
 * folders in natural order of their names.
 */
export function orderLessons(folders: LessonFolder[], listed: string[] | undefined, home: VFile | undefined): LessonFolder[] {
  if (listed === undefined) return folders;
  const bySlug = new Map(folders.map((folder) => [folder.slug, folder]));
  const text = home ? String(home.value) : "";
  return listed.flatMap((slug) => {
    const folder = bySlug.get(slug);
    if (folder) return [folder];
    if (home) {
      const offset = text.indexOf(slug);
      const line = offset < 0 ? 1 : text.slice(0, offset).split("\n").length;
      report(
        home,
        "lesson-unknown",
        `lesson "${slug}" is listed on the home page but has no folder with an index.md${didYouMean(slug, bySlug.keys())}`,
        { line, column: 1 },
      );
    }
    return [];
  });
}
