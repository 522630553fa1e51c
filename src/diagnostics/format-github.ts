import path from "node:path";
import type { VFileMessage } from "vfile-message";
import { messageEnd } from "./format-text.js";

/** Escape a workflow command's message (as `@actions/core` does). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a workflow command's property value. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Each diagnostic as a GitHub Actions workflow command, which the run's
 * summary and a pull request's changed files show as an annotation:
 * `::error file=content/a/index.md,line=3,endLine=3,col=4,endColumn=9,title=glossary-key::unknown glossary key "x"`.
 * Paths are relative to `cwd`, the repository's root in a workflow, so
 * they point at the file even when the project is a folder of the repository.
 */
export function formatGithub(messages: VFileMessage[], root: string, cwd: string): string {
  return messages
    .map((message) => {
      const end = messageEnd(message);
      const properties = [
        message.file ? `file=${escapeProperty(path.relative(cwd, path.resolve(root, message.file)).split(path.sep).join("/"))}` : "",
        message.line ? `line=${message.line}` : "",
        end ? `endLine=${end.line}` : "",
        message.column ? `col=${message.column}` : "",
        end && end.line === message.line ? `endColumn=${end.column}` : "",
        `title=${escapeProperty(message.ruleId ?? "lessons")}`,
      ].filter(Boolean);
      return `::${message.fatal ? "error" : "warning"} ${properties.join(",")}::${escapeData(`${message.reason} [${message.ruleId ?? "unknown"}]`)}`;
    })
    .join("\n");
}
