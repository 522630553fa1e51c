import { createHash } from "node:crypto";
import { HtmlValidate, type Message } from "html-validate";
import type { OutputFile } from "../../src/render/output.js";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // `<!doctype html>` is as valid as `<!DOCTYPE html>` (the keyword is case-insensitive); templates use lower case.
    "doctype-style": "off",
    // Code is highlighted at build time with shiki's CSS-variables theme: each token is
    // `<span style="color:var(--shiki-token-…)">`, so the light and dark colours come from site.css.
    "no-inline-style": "off",
  },
});

/**
 * html-validate's messages for each page text it has read, by the text's hash: the fixtures' sites
 * share many pages byte for byte (a glossary, a bibliography), and the same text gets the same messages.
 */
const validated = new Map<string, Message[]>();

async function messagesOf(page: string, contents: string): Promise<Message[]> {
  const key = createHash("sha256").update(contents).digest("hex");
  let messages = validated.get(key);
  if (!messages) {
    const report = await validator.validateString(contents, page);
    messages = report.results.flatMap((result) => result.messages);
    validated.set(key, messages);
  }
  return messages;
}

function describeMessage(page: string, message: Message): string {
  return `${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message} (${message.selector ?? "document"})`;
}

/** Every html-validate problem (recommended rules) on every HTML page of a build, one line each. */
export async function htmlProblemsOf(files: OutputFile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".html") || !("contents" in file) || typeof file.contents !== "string") continue;
    problems.push(...(await messagesOf(file.path, file.contents)).map((message) => describeMessage(file.path, message)));
  }
  return problems;
}
