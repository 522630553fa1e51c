import type { Point } from "unist";
import type { VFile } from "vfile";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";
import type { LessonFolder } from "./layout.js";

const listItem = /^([ \t]*-[ \t]+)(["']?)(.*?)\2[ \t]*\r?$/gm;

/**
 * Where each name is written as an item of a YAML block list (`  - slug`,
 * quoted or not) in `text`, in order of appearance: found in one pass, so a
 * long list with many problems stays linear.
 */
function listItemPoints(text: string): Map<string, Point[]> {
  const points = new Map<string, Point[]>();
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(listItem)) {
    for (let at = text.indexOf("\n", counted); at !== -1 && at < match.index; at = text.indexOf("\n", at + 1)) line += 1;
    counted = match.index;
    const name = match[3] ?? "";
    const point = { line, column: (match[1] ?? "").length + 1 };
    const known = points.get(name);
    if (known) known.push(point);
    else points.set(name, [point]);
  }
  return points;
}

/** Where the `lessons:` field starts in the home page's front matter. */
function listPoint(text: string): Point {
  const before = /^lessons[ \t]*:/m.exec(text);
  if (!before) return { line: 1, column: 1 };
  return { line: text.slice(0, before.index).split("\n").length, column: 1 };
}

/** What the home page's front matter says of the lessons' order. */
export interface ListedLessons {
  lessons?: string[] | undefined;
  appendices?: string[] | undefined;
}

/**
 * The lessons in site order: the home page's `lessons:` list when it has
 * one, else the folders in natural order of their names; then the
 * `appendices:` it lists, in that order. Unknown names are `lesson-unknown`
 * errors on the home page, repeated ones `lesson-duplicate` warnings, and
 * folders a `lessons:` list leaves out `lesson-unlisted` warnings.
 */
export function orderLessons(
  folders: LessonFolder[],
  { lessons, appendices = [] }: ListedLessons,
  home: VFile | undefined,
): LessonFolder[] {
  if (lessons === undefined && appendices.length === 0) return folders;
  const listed = [...(lessons ?? folders.map((folder) => folder.slug).filter((slug) => !appendices.includes(slug))), ...appendices];
  const bySlug = new Map(folders.map((folder) => [folder.slug, folder]));
  const points = home ? listItemPoints(String(home.value)) : new Map<string, Point[]>();
  if (home && lessons !== undefined) {
    const named = new Set(listed);
    for (const folder of folders.filter(({ slug }) => !named.has(slug))) {
      const reason = `lesson folder "${folder.slug}" is not in the home page's \`lessons:\` list, so the site leaves it out (add it to the list, or move the folder out of the course)`;
      report(home, "lesson-unlisted", reason, listPoint(String(home.value)));
    }
  }
  const occurrences = new Map<string, number>();
  return listed.flatMap((slug) => {
    const occurrence = occurrences.get(slug) ?? 0;
    occurrences.set(slug, occurrence + 1);
    const place = points.get(slug)?.[occurrence] ?? { line: 1, column: 1 };
    const folder = bySlug.get(slug);
    if (folder && occurrence > 0) {
      if (home) report(home, "lesson-duplicate", `lesson "${slug}" is listed twice on the home page; the second is ignored`, place);
      return [];
    }
    if (folder) return [folder];
    if (home && occurrence === 0) {
      report(
        home,
        "lesson-unknown",
        `lesson "${slug}" is listed on the home page but has no folder with an index.md${didYouMean(slug, bySlug.keys())}`,
        place,
      );
    }
    return [];
  });
}
