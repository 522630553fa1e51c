import type { VFileMessage } from "vfile-message";

/** Messages in a stable order: by file, line, column, then rule and text. */
export function sortMessages(messages: VFileMessage[]): VFileMessage[] {
  return [...messages].sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.ruleId ?? "").localeCompare(b.ruleId ?? "") ||
      a.reason.localeCompare(b.reason),
  );
}
