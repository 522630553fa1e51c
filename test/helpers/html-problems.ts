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

function describeMessage(page: string, message: Message): string {
  return `${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message} (${message.selector ?? "document"})`;
}

/** Every html-validate problem (recommended rules) on every HTML page of a build, one line each. */
export async function htmlProblemsOf(files: OutputFile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".html") || !("contents" in file) || typeof file.contents !== "string") continue;
    const report = await validator.validateString(file.contents, file.path);
    for (const result of report.results) problems.push(...result.messages.map((message) => describeMessage(file.path, message)));
  }
  return problems;
}
