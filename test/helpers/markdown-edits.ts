import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateCourse } from "../../bench/src/generate-course.js";

/** The seed lesson (also with Windows line endings) and a few generated ones, each with shared link definitions appended as the build does. */
export function sampleDocuments(): string[] {
  const work = mkdtempSync(path.join(os.tmpdir(), "lessons-documents-"));
  let generated: string[];
  try {
    generateCourse(work, { lessons: 2, seed: 11, blocksPerLesson: 6 });
    generated = readdirSync(path.join(work, "content"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => readFileSync(path.join(work, "content", entry.name, "index.md"), "utf8"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const seed = readFileSync(path.join(import.meta.dirname, "../../content/virt/index.md"), "utf8");
  const links = "[docker]: https://www.docker.com/\n[python]: https://www.python.org/";
  const withWindowsLineEndings = seed.replace(/\n/g, "\r\n");
  return [seed, withWindowsLineEndings, ...generated].map((text) => `${text}\n\n${links}\n`);
}

/** Snippets an author might type or delete, several of which change how what follows them parses. */
const snippets = [
  "A new sentence with *emphasis* and a [link][docker].",
  "See [DOCKER] and [ Python ].",
  "\n",
  "\n\n",
  "```",
  "```python\nprint('open')\n",
  '<div class="callout">',
  "<!-- a comment that never ends",
  "<pre>",
  "[python]: https://example.org/other",
  "[new]: https://example.org/new\n\nSee [new].",
  "## A heading typed in",
  "# ",
  "- a list item\n- another",
  "> a quote",
  "    indented code",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "Term\n:   Its definition",
  "[% x virt %]",
  "[a term](g:container)",
  "---",
  "",
];

/** A small deterministic random number generator (mulberry32). */
export function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` with one random edit: a snippet inserted at a line start or mid-line, a stretch deleted, or a line replaced. */
export function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const snippet = snippets[Math.floor(random() * snippets.length)] ?? "";
  const kind = random();
  if (kind < 0.4) return `${text.slice(0, lineStart)}${snippet}\n${text.slice(lineStart)}`;
  if (kind < 0.6) return `${text.slice(0, at)}${snippet}${text.slice(at)}`;
  if (kind < 0.8) return `${text.slice(0, at)}${text.slice(at + Math.floor(random() * 40))}`;
  const lineEnd = text.indexOf("\n", at);
  return `${text.slice(0, lineStart)}${snippet}${lineEnd === -1 ? "" : text.slice(lineEnd)}`;
}
