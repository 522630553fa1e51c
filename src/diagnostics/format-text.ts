import { readFileSync } from "node:fs";
import path from "node:path";
import type { VFileMessage } from "vfile-message";

/** How to print diagnostics for a terminal. */
export interface TextFormatOptions {
  /** Project root: message paths are relative to it. */
  root: string;
  /** Show the source line under each message with a caret. */
  codeFrame: boolean;
}

/** `content/virt/index.md:399:27 error malformed glossary link … [link-malformed]` */
export function formatMessageLine(message: VFileMessage): string {
  const where = [message.file || "(project)", message.line, message.column].filter((part) => part !== undefined && part !== null).join(":");
  const severity = message.fatal ? "error" : "warning";
  return `${where} ${severity} ${message.reason} [${message.ruleId ?? "unknown"}]`;
}

function codeFrame(message: VFileMessage, root: string, sources: Map<string, string[] | undefined>): string[] {
  if (!message.file || !message.line) return [];
  if (!sources.has(message.file)) {
    let lines: string[] | undefined;
    try {
      lines = readFileSync(path.join(root, message.file), "utf8").split(/\r?\n/);
    } catch {
      lines = undefined;
    }
    sources.set(message.file, lines);
  }
  const line = sources.get(message.file)?.[message.line - 1];
  if (line === undefined) return [];
  const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  const gutter = `${message.line} | `;
  const caret = " ".repeat(gutter.length - 2) + "| " + shown.slice(0, Math.max(0, (message.column ?? 1) - 1)).replace(/[^\t]/g, " ") + "^";
  return [`  ${gutter}${shown}`, `  ${caret}`];
}

/** Every message as a line, each followed by a code frame when asked, and a summary line. */
export function formatText(messages: VFileMessage[], options: TextFormatOptions): string {
  const sources = new Map<string, string[] | undefined>();
  const lines = messages.flatMap((message) => [
    formatMessageLine(message),
    ...(options.codeFrame ? codeFrame(message, options.root, sources) : []),
  ]);
  const errors = messages.filter((message) => message.fatal).length;
  const warnings = messages.length - errors;
  if (messages.length > 0) lines.push(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return lines.join("\n");
}

/** Where a message ends, when it covers a range rather than a point. */
export function messageEnd(message: VFileMessage): { line: number; column: number } | undefined {
  const place = message.place;
  return place && "end" in place ? { line: place.end.line, column: place.end.column } : undefined;
}

/**
 * One JSON object per diagnostic, for editors and CI: 1-based `line` and
 * `column` where it starts, `endLine` and `endColumn` (exclusive) where its
 * range ends, or null. An array over several lines, or on one line with
 * `oneLine` (a stream of builds, one array each).
 */
export function formatJson(messages: VFileMessage[], options: { oneLine?: boolean } = {}): string {
  return JSON.stringify(
    messages.map((message) => ({
      file: message.file ?? null,
      line: message.line ?? null,
      column: message.column ?? null,
      endLine: messageEnd(message)?.line ?? null,
      endColumn: messageEnd(message)?.column ?? null,
      severity: message.fatal ? "error" : "warning",
      rule: message.ruleId ?? null,
      message: message.reason,
    })),
    null,
    options.oneLine ? undefined : 2,
  );
}
