import type { VFileMessage } from "vfile-message";
import { formatJson, formatText } from "../diagnostics/format-text.js";

/** Print diagnostics to stderr (text, with code frames) or stdout (JSON). */
export function printMessages(messages: VFileMessage[], root: string, format: "text" | "json" = "text"): void {
  if (format === "json") {
    process.stdout.write(`${formatJson(messages)}\n`);
    return;
  }
  if (messages.length > 0) process.stderr.write(`${formatText(messages, { root, codeFrame: true })}\n`);
}

/** True when any message is an error, or any message at all under `strict`. */
export function failed(messages: VFileMessage[], strict: boolean): boolean {
  return messages.some((message) => message.fatal || strict);
}
