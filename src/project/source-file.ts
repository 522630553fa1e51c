import { statSync } from "node:fs";
import path from "node:path";
import { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { describeSize, inputLimits } from "./input-limits.js";
import { pointAt } from "../diagnostics/source-positions.js";
import { readText, type Text } from "./read-text.js";
import { staysInside } from "./safe-path.js";

/**
 * A project file as a VFile whose path is relative to the project root (so
 * diagnostics read `content/virt/index.md:12:3`). Invalid UTF-8 is reported
 * as `file-read` and decoded with replacement characters; a symbolic link
 * to a file outside the project or a file that cannot be read (`file-read`),
 * or a file too large to parse in bounded memory (`input-limit`), is
 * reported and read as empty.
 */
export function readSourceFile(root: string, absolute: string): VFile {
  const unread = (rule: "file-read" | "input-limit", reason: string) => {
    const file = new VFile({ path: path.relative(root, absolute), cwd: root, value: "" });
    report(file, rule, reason, { line: 1, column: 1 });
    return file;
  };
  if (!staysInside(absolute, root)) return unread("file-read", "the file is refused: it is a symbolic link to a file outside the project");
  let read: Text;
  try {
    const size = statSync(absolute).size;
    const limit = inputLimits.sourceBytes;
    if (size > limit) return unread("input-limit", `the file is ${describeSize(size)}; files over ${describeSize(limit)} are not read`);
    read = readText(absolute);
  } catch (error) {
    return unread("file-read", `the file cannot be read: ${(error as Error).message}`);
  }
  const file = new VFile({ path: path.relative(root, absolute), cwd: root, value: read.text });
  if (!read.validUtf8) {
    const place = read.invalidAt === undefined ? undefined : pointAt(file, read.invalidAt);
    report(file, "file-read", "the file is not valid UTF-8; invalid bytes are shown as \uFFFD", place);
  }
  return file;
}
