import type { VFileMessage } from "vfile-message";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";
import type { Invocation } from "./invocation.js";

/** Print diagnostics to stderr (text, with code frames) or stdout (JSON, GitHub Actions annotations). */
export function printMessages(invocation: Invocation, messages: VFileMessage[], root: string, format: DiagnosticFormat = "text"): void {
  const text = formatDiagnostics(messages, { format, root, cwd: invocation.cwd });
  if (text === undefined) return;
  (format === "text" ? invocation.stderr : invocation.stdout).write(`${text}\n`);
}

/** True when any message is an error, or any message at all under `strict`. */
export function failed(messages: VFileMessage[], strict: boolean): boolean {
  return messages.some((message) => message.fatal || strict);
}
