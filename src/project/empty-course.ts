import path from "node:path";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { report } from "../diagnostics/report.js";
import type { ProjectLayout } from "./layout.js";

/**
 * The error for a project with no lesson folder at all (an empty folder, or
 * `--root` pointing at the wrong one), on the folder where lessons would be:
 * what a course looks like, instead of a site with nothing in it.
 */
export function noLessonsMessage(layout: ProjectLayout): VFileMessage {
  const folder = new VFile({ path: path.relative(layout.root, layout.contentDir) || "." });
  return report(
    folder,
    "no-lessons",
    `no lessons in ${layout.root}: a course has a folder per lesson with an index.md in it, ` +
      "content/<slug>/index.md (or NN_slug/index.md at the root, in the older layout); `lessons init` writes a starter course",
  );
}
