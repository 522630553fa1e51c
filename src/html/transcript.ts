import type { Element, ElementContent, Properties } from "hast";
import { h } from "hastscript";

/** Languages whose blocks are terminal transcripts: `$ ` and `# ` prompts, each followed by a command, then its output. */
export const transcriptLanguages: ReadonlySet<string> = new Set(["shellsession", "console"]);

/** Languages whose blocks are a program's output and nothing else (`.out` files). */
export const outputLanguages: ReadonlySet<string> = new Set(["output", "out"]);

/** The grammar a transcript's commands are highlighted with. */
export const commandLanguage = "shellscript";

/** One line of a transcript: a prompt and the command typed after it, the continuation of a command, or output. */
export type TranscriptLine =
  { kind: "command"; prompt: string; command: string } | { kind: "continuation"; command: string } | { kind: "output"; text: string };

/** A prompt (`$` or `#`, alone or with a space and the command after it) at the start of a line. */
const promptLine = /^([$#])(?: (.*))?$/;

/**
 * The lines of a transcript. A line starting with `$ ` or `# ` (or made of
 * the prompt alone) is a command; a command ending in `\` goes on to the
 * next line; every other line is output:
 *
 * ```text
 * $ docker container run \
 *     ubuntu echo hi
 * hi
 * ```
 *
 * is a command, its continuation and one line of output.
 */
export function parseTranscript(code: string): TranscriptLine[] {
  let continues = false;
  return code.split("\n").map((line): TranscriptLine => {
    if (continues) {
      continues = line.endsWith("\\");
      return { kind: "continuation", command: line };
    }
    const prompt = promptLine.exec(line);
    if (!prompt) return { kind: "output", text: line };
    const command = prompt[2] ?? "";
    continues = command.endsWith("\\");
    return { kind: "command", prompt: line.slice(0, line.length - command.length), command };
  });
}

/** A highlighted token: its text and its CSS (empty when it has no style of its own). */
export interface StyledToken {
  content: string;
  style: string;
}

/** The commands of a transcript, one per command or continuation line, in order: what gets highlighted. */
export function commandLines(lines: readonly TranscriptLine[]): string[] {
  return lines.flatMap((line) => (line.kind === "output" ? [] : [line.command]));
}

function tokenSpans(tokens: readonly StyledToken[] | undefined, text: string): ElementContent[] {
  if (!tokens) return text ? [{ type: "text", value: text }] : [];
  return tokens.map((token) => h("span", token.style ? { style: token.style } : {}, token.content));
}

/**
 * A transcript as a `<pre>`: one `<span class="line">` per line; a command
 * line holds `<span class="prompt">$ </span><span class="command">…</span>`,
 * an output line is `<span class="line output">`. The stylesheet dims
 * prompts (and keeps them out of a selection) and colours output apart,
 * and the Copy button copies only the `.command` spans. `commandTokens` are
 * the highlighted commands, one list per entry of {@link commandLines}, when
 * a grammar was at hand.
 */
export function transcriptPre(
  lines: readonly TranscriptLine[],
  properties: Properties,
  commandTokens: readonly (readonly StyledToken[])[] | undefined,
): Element {
  let commandAt = 0;
  const children: ElementContent[] = [];
  lines.forEach((line, at) => {
    if (at > 0) children.push({ type: "text", value: "\n" });
    if (line.kind === "output") {
      children.push(h("span.line.output", line.text));
      return;
    }
    const command = h("span.command", tokenSpans(commandTokens?.[commandAt], line.command));
    commandAt += 1;
    children.push(h("span.line", line.kind === "command" ? [h("span.prompt", line.prompt), command] : [command]));
  });
  const className = [...(Array.isArray(properties.className) ? properties.className : []), "transcript"];
  return h("pre", { ...properties, className }, [h("code", children)]);
}
