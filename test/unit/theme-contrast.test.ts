import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture-project.js";

const css = readFileSync(path.join(repoRoot, "templates/assets/site.css"), "utf8");

/** Each `--name: light-dark(#light, #dark)` of site.css, as `[light, dark]`. */
const colours = new Map(
  [...css.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)].map((match) => [
    match[1]!,
    [match[2]!, match[3]!] as const,
  ]),
);

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two sRGB colours. */
function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

// Text colours that axe cannot check on this site's pages: token colours the lesson happens not
// to use, CSS-generated tooltips, search highlights, errors that a good build never shows, and
// callouts (text and links on their background), which the project's own lessons may not have.
const tokens = [...colours.keys()].filter((name) => name.startsWith("shiki-token-") || name === "shiki-foreground");
const pairs: [string, string][] = [
  ...tokens.map((name): [string, string] => [name, "shiki-background"]),
  ["tooltip-fg", "tooltip-bg"],
  ["fg", "mark-bg"],
  ["error", "bg"],
  ["fg", "code-bg"],
  ["link", "code-bg"],
];

describe("site.css colours", () => {
  it("defines every code token colour for both themes", () => {
    expect(tokens.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pairs)("--%s on --%s meets WCAG AA (4.5:1) in the light and dark themes", (foreground, background) => {
    const [fg, bg] = [colours.get(foreground), colours.get(background)];
    expect(fg && bg, `${foreground} and ${background} are light-dark() colours`).toBeTruthy();
    for (const theme of [0, 1] as const) expect(contrast(fg![theme], bg![theme])).toBeGreaterThanOrEqual(4.5);
  });
});
