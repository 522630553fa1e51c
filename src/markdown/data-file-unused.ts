import path from "node:path";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { filesUnder } from "../project/files-under.js";
import { staysInside } from "../project/safe-path.js";
import { lessonOf } from "./lesson-context.js";

/**
 * Report every file in a lesson's data folder that the lesson neither shows
 * in a `data-file` block nor uses as a figure image or table, as
 * `data-file-unused` at the top of the lesson. Run it after the whole
 * document stage, when `file.data.usedFiles` is complete. In the older
 * layout the data folder is the lesson's own folder, so its `index.md` is
 * never reported.
 *
 * `data-files/virt/old.py` that no block names →
 * `content/virt/index.md:1:1 warning data file "old.py" in data-files/virt/ is shown by no block [data-file-unused]`
 */
export function reportUnusedDataFiles(file: VFile): void {
  const lesson = lessonOf(file);
  if (!staysInside(lesson.dataDir, lesson.root)) return;
  const used = new Set(file.data.usedFiles ?? []);
  used.add(path.resolve(lesson.root, file.path));
  const folder = path.relative(lesson.root, lesson.dataDir).split(path.sep).join("/");
  for (const absolute of filesUnder(lesson.dataDir)) {
    // A link out of the project can never be shown: a block naming it is refused, which says enough.
    if (used.has(absolute) || !staysInside(absolute, lesson.root)) continue;
    const name = path.relative(lesson.dataDir, absolute).split(path.sep).join("/");
    report(file, "data-file-unused", `data file "${name}" in ${folder || "."}/ is shown by no block`, { line: 1, column: 1 });
  }
}
