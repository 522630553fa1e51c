import { createRequire } from "node:module";
import type { OutputFile } from "./output.js";

/** Where the slides' copy of reveal.js goes in the site, relative to the output folder. */
export const revealPaths = {
  script: "assets/reveal/reveal.js",
  stylesheet: "assets/reveal/reveal.css",
  notesPlugin: "assets/reveal/plugin/notes.js",
} as const;

/** The package entry point each copied file comes from (reveal.js's own `exports`). */
const revealSources: Record<keyof typeof revealPaths, string> = {
  script: "reveal.js",
  stylesheet: "reveal.js/reveal.css",
  notesPlugin: "reveal.js/plugin/notes",
};

/**
 * The reveal.js files the decks load, copied from the installed npm
 * package (its UMD builds, so decks work from `file://` without modules),
 * so slides make no network requests.
 */
export function revealAssets(): OutputFile[] {
  const require = createRequire(import.meta.url);
  return (Object.keys(revealPaths) as (keyof typeof revealPaths)[]).map((name) => ({
    path: revealPaths[name],
    source: require.resolve(revealSources[name]),
  }));
}
