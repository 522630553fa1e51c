import type { VFileMessage } from "vfile-message";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";

/** Print diagnostics to stderr (text, with code frames) or stdout (JSON, GitHub Actions annotations). */
export function printMessages(messages: VFileMessage[], root: string, format: DiagnosticFormat = "text"): void {
  const text = formatDiagnostics(messages, { format, root });
  if (text === undefined) return;
  (format === "text" ? process.stderr : process.stdout).write(`${text}\n`);
}

/** True when any message is an error, or any message at all under `strict`. */
export function failed(messages: VFileMessage[], strict: boolean): boolean {
  return messages.some((message) => message.fatal || strict);
}
