/** Where a region's markers were or were not found. */
export type RegionResult = { ok: true; text: string } | { ok: false; reason: string };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function markerLine(name: string, closing: boolean): RegExp {
  const tag = `\\[${closing ? "/" : ""}${escapeRegExp(name)}\\]`;
  return new RegExp(`^\\s*(?:#|//|--|;|<!--|/\\*)\\s*${tag}\\s*(?:-->|\\*/)?\\s*$`);
}

/**
 * The lines between `# [name]` and `# [/name]` (any comment leader: `#`,
 * `//`, `--`, `;`, `<!-- -->`, `/* *\/`), markers excluded.
 */
export function extractRegion(text: string, name: string): RegionResult {
  const lines = text.split("\n");
  const open = markerLine(name, false);
  const close = markerLine(name, true);
  const start = lines.findIndex((line) => open.test(line));
  if (start < 0) return { ok: false, reason: `no start marker "[${name}]"` };
  const length = lines.slice(start + 1).findIndex((line) => close.test(line));
  if (length < 0) return { ok: false, reason: `no end marker "[/${name}]" after line ${start + 1}` };
  return { ok: true, text: lines.slice(start + 1, start + 1 + length).join("\n") };
}
