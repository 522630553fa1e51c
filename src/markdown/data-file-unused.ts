import path from "node:path";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { filesUnder } from "../project/files-under.js";
import { staysInside } from "../project/safe-path.js";
import { lessonOf } from "./lesson-context.js";

/** How many unused files a summary names before it says how many more there are. */
const namesShown = 10;

/**
 * Report the files in a lesson's data folder that the lesson uses nowhere:
 * no `data-file` block shows them, no figure or table includes them, and no
 * Markdown link or image or raw HTML `src`/`href`/`poster` points at them (see
 * `local-links.ts`). One `data-file-unused` line per lesson, at its
 * top, names them all. Run it after the whole document stage, when
 * `file.data.usedFiles` is complete. In the older layout the data folder is
 * the lesson's own folder, whose every file the site publishes at its old
 * address: none of them is unused, so nothing is reported.
 *
 * `data-files/virt/old.py` and `data-files/virt/draft.sh` that nothing uses →
 * `content/virt/index.md:1:1 warning 2 files in data-files/virt/ are used nowhere in the lesson: draft.sh, old.py [data-file-unused]`
 */
export function reportUnusedDataFiles(file: VFile): void {
  const lesson = lessonOf(file);
  if (lesson.dataDir === lesson.dir || !staysInside(lesson.dataDir, lesson.root)) return;
  const used = new Set(file.data.usedFiles ?? []);
  const folder = path.relative(lesson.root, lesson.dataDir).split(path.sep).join("/");
  // A link out of the project can never be shown: a block naming it is refused, which says enough.
  const unused = filesUnder(lesson.dataDir)
    .filter((absolute) => !used.has(absolute) && staysInside(absolute, lesson.root))
    .map((absolute) => path.relative(lesson.dataDir, absolute).split(path.sep).join("/"));
  if (unused.length === 0) return;
  const more = unused.length > namesShown ? ` and ${unused.length - namesShown} more` : "";
  const files = unused.length === 1 ? "1 file" : `${unused.length} files`;
  const names = `${unused.slice(0, namesShown).join(", ")}${more}`;
  const reason = `${files} in ${folder || "."}/ ${unused.length === 1 ? "is" : "are"} used nowhere in the lesson: ${names}`;
  report(file, "data-file-unused", reason, { line: 1, column: 1 });
}
