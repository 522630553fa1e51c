import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { detectLayout } from "./layout.js";
import { isWithin } from "./safe-path.js";

/**
 * The file that marks a folder as a site this tool wrote, so that a later
 * build may delete what is no longer part of it; a non-empty folder without
 * it is never written to (see `project/output-folder.ts`).
 */
export const siteMarker = ".lessons-site";

/**
 * Why `out` cannot be the output folder of the project at `root`, or
 * undefined when it can. Writing the site replaces the whole folder, so it
 * must neither hold the project nor hold, or lie inside, any of its sources:
 * `content/`, `data-files/`, `templates/`, or a lesson folder of the older layout;
 * and a folder that already holds files must be one this tool wrote (it has
 * the site marker), since files that are not part of the site are deleted.
 */
export function outputFolderProblem(root: string, out: string): string | undefined {
  if (isWithin(out, root)) return `the output folder ${out} must not contain the project`;
  const layout = detectLayout(root);
  const sources = [
    ...(layout.kind === "content" ? [layout.contentDir, path.join(root, "data-files")] : []),
    layout.templates,
    ...layout.lessons.flatMap((lesson) => [lesson.dir, lesson.dataDir]),
  ];
  const clash = sources.find((source) => isWithin(out, source) || isWithin(source, out));
  if (clash) return `the output folder ${out} must not hold or lie inside the project's sources (${path.relative(root, clash)})`;
  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return `the output folder ${out} is a file`;
  if (readdirSync(out).length > 0 && !existsSync(path.join(out, siteMarker))) {
    return `the output folder ${out} holds files that lessons did not write; empty it or choose another --out`;
  }
  return undefined;
}
