import path from "node:path";
import { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { readText } from "./read-text.js";

/**
 * A project file as a VFile whose path is relative to the project root (so
 * diagnostics read `content/virt/index.md:12:3`). Invalid UTF-8 is reported
 * as `file-read` and decoded with replacement characters.
 */
export function readSourceFile(root: string, absolute: string): VFile {
  const { text, validUtf8 } = readText(absolute);
  const file = new VFile({ path: path.relative(root, absolute), cwd: root, value: text });
  if (!validUtf8) report(file, "file-read", "the file is not valid UTF-8; invalid bytes are shown as \uFFFD");
  return file;
}
