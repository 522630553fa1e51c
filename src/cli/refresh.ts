import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import type { VFileMessage } from "vfile-message";
import { sortMessages } from "../diagnostics/sort.js";
import { detectLayout } from "../project/layout.js";
import { readSourceFile } from "../project/source-file.js";
import { writeFileAtomically } from "../project/write-atomically.js";
import type { Run } from "./invocation.js";
import { requireProjectFolder, withRootOption } from "./options.js";
import { printMessages } from "./report.js";

const byteOrderMark = "\uFEFF";

/** `lessons refresh`: rewrite `data-file` block bodies from their files, changing nothing else. */
export function refreshCommand(run: Run): Command {
  return withRootOption(new Command("refresh"))
    .description("rewrite the bodies of data-file blocks from their files; nothing else in a lesson changes")
    .action(async (options: { root: string }) => {
      const root = path.resolve(run.cwd, options.root);
      requireProjectFolder(root);
      // Imported here: the Markdown parser is loaded only by the commands that parse.
      const [{ loadDataFile }, { refreshDataFileBlocks }] = await Promise.all([
        import("../markdown/data-file.js"),
        import("../markdown/refresh.js"),
      ]);
      const messages: VFileMessage[] = [];
      let total = 0;
      for (const lesson of detectLayout(root).lessons) {
        const file = readSourceFile(root, lesson.file);
        if (file.messages.length > 0) {
          // Reading reports only when the text is not the file's exactly, and such text cannot be written back.
          messages.push(...file.messages);
          run.stdout.write(`${file.path}: not refreshed\n`);
          continue;
        }
        const result = refreshDataFileBlocks(file, (name) => loadDataFile(lesson.dataDir, root, name));
        messages.push(...file.messages);
        if (result.refreshed === 0) continue;
        const bom = readFileSync(lesson.file).subarray(0, 3).toString("utf8") === byteOrderMark ? byteOrderMark : "";
        await writeFileAtomically(realpathSync(lesson.file), bom + result.text);
        total += result.refreshed;
        run.stdout.write(`${file.path}: ${result.refreshed} block${result.refreshed === 1 ? "" : "s"} refreshed\n`);
      }
      if (total === 0) run.stdout.write("every data-file block already matches its file\n");
      printMessages(run, sortMessages(messages), root);
    });
}
