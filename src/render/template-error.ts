import path from "node:path";
import { VFile } from "vfile";
import { report } from "../diagnostics/report.js";

/** The parts of a LiquidJS error this module reads. */
interface LiquidErrorShape {
  message: string;
  token?: { file?: string; getPosition?: () => [number, number] };
}

function isLiquidError(error: unknown): error is LiquidErrorShape {
  return typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string";
}

/**
 * Report a template that cannot be rendered as `template`, at the template
 * file, line and column LiquidJS names (without the absolute path it appends
 * to its message), else on `fallback` (the templates folder). The template's
 * VFile is added to `files` once, so its messages are collected with the rest.
 *
 * `{{ x | nosuch }}` on line 2 of `templates/lesson.liquid` →
 * `templates/lesson.liquid:2:1 error cannot render lesson/index.html with "lesson": undefined filter: nosuch [template]`
 */
export function reportTemplateError(files: VFile[], root: string, fallback: VFile, what: string, error: unknown): void {
  const message = isLiquidError(error) ? error.message : String(error);
  const reason = message.replace(/, file:.*$/s, "").split("\n")[0] ?? message;
  const absolute = isLiquidError(error) ? error.token?.file : undefined;
  const position = isLiquidError(error) ? error.token?.getPosition?.() : undefined;
  if (absolute === undefined) {
    report(fallback, "template", `${what}: ${reason}`);
    return;
  }
  const relative = path.relative(root, absolute);
  const shown = relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
  let file = files.find((known) => known.path === shown);
  if (!file) {
    file = new VFile({ path: shown });
    files.push(file);
  }
  report(file, "template", `${what}: ${reason}`, position ? { line: position[0], column: position[1] } : undefined);
}
