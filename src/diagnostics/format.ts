import type { VFileMessage } from "vfile-message";
import { formatGithub } from "./format-github.js";
import { formatJson, formatText } from "./format-text.js";

/** How diagnostics are printed: for a person, for an editor or a script, or for GitHub Actions. */
export const diagnosticFormats = ["text", "json", "github"] as const;
export type DiagnosticFormat = (typeof diagnosticFormats)[number];

/** How to print one batch of diagnostics. */
export interface DiagnosticFormatOptions {
  format: DiagnosticFormat;
  /** Project root: message paths are relative to it. */
  root: string;
  /** A stream of batches (`lessons dev`): JSON on one line per batch. */
  stream?: boolean;
  /** The folder annotations' paths are relative to, where the command runs (default: this process's working folder). */
  cwd?: string;
}

/**
 * The diagnostics as text to print, or undefined when there is nothing to
 * say: text and annotations print nothing for no diagnostics, JSON prints
 * an empty list, so that an editor reading it clears what it showed.
 */
export function formatDiagnostics(messages: VFileMessage[], options: DiagnosticFormatOptions): string | undefined {
  switch (options.format) {
    case "json":
      return formatJson(messages, { oneLine: options.stream });
    case "github":
      return messages.length > 0 ? formatGithub(messages, options.root, options.cwd ?? process.cwd()) : undefined;
    case "text":
      return messages.length > 0 ? formatText(messages, { root: options.root, codeFrame: true }) : undefined;
  }
}
