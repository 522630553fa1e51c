import path from "node:path";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { filesUnder } from "../project/files-under.js";
import { inOlderLayout } from "../project/local-target.js";
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
 * the lesson's own folder, so its `index.md` is never reported, nor its
 * other Markdown files, which are pages of their own.
 *
 * `data-files/virt/old.py` and `data-files/virt/draft.sh` that nothing uses →
 * `content/virt/index.md:1:1 warning 2 files in data-files/virt/ are used nowhere in the lesson: draft.sh, old.py [data-file-unused]`
 */
export function reportUnusedDataFiles(file: VFile): void {
  const lesson = lessonOf(file);
  if (!staysInside(lesson.dataDir, lesson.root)) return;
  const used = new Set(file.data.usedFiles ?? []);
  used.add(path.resolve(lesson.root, file.path));
  const folder = path.relative(lesson.root, lesson.dataDir).split(path.sep).join("/");
  // A link out of the project can never be shown: a block naming it is refused, which says enough.
  // In the older layout, the lesson folder's other Markdown files are pages of their own, not data files.
  const isPage = (absolute: string) => inOlderLayout(lesson) && absolute.endsWith(".md");
  const unused = filesUnder(lesson.dataDir)
    .filter((absolute) => !used.has(absolute) && !isPage(absolute) && staysInside(absolute, lesson.root))
    .map((absolute) => path.relative(lesson.dataDir, absolute).split(path.sep).join("/"));
  if (unused.length === 0) return;
  const more = unused.length > namesShown ? ` and ${unused.length - namesShown} more` : "";
  const files = unused.length === 1 ? "1 file" : `${unused.length} files`;
  const names = `${unused.slice(0, namesShown).join(", ")}${more}`;
  const reason = `${files} in ${folder || "."}/ ${unused.length === 1 ? "is" : "are"} used nowhere in the lesson: ${names}`;
  report(file, "data-file-unused", reason, { line: 1, column: 1 });
}
