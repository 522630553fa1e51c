import path from "node:path";
import type { VFile } from "vfile";
import { holesOf } from "../html/html-parts.js";
import { report } from "../diagnostics/report.js";
import { olderPageAddress, placeOfRename, type OlderConfig } from "../project/older-config.js";
import { pagePaths } from "../project/urls.js";
import type { SiteInput } from "./build-index.js";
import type { Redirect, SiteLesson } from "./model.js";
import { collectSitePaths, findReferences, pageSourceOf, type FoundReference } from "./references.js";
import type { RootPage } from "./shared-documents.js";

/** The site's own pages a root page may not take the address of, and the root pages' sources. */
export interface AddressInput {
  /** The older tool's configuration (older layout only). */
  older: OlderConfig | undefined;
  /** Addresses of the pages the site writes itself: home, lessons, slides, glossary, … */
  sitePages: string[];
  /** Root pages' source paths (`LICENSE.md`) and default addresses (`LICENSE.html`), in site order. */
  rootPages: { source: string; address: string }[];
}

/** Where each root page is written, and the default address (`LICENSE.html`) of each one a rename moved. */
export interface RootAddresses {
  /** Source path → address. */
  pages: Map<string, string>;
  /** Default address → address, for links written before the renames were known (see `site/resolve.ts`). */
  moved: Map<string, string>;
}

/** Addresses compared as a case-insensitive file system (macOS, Windows) would: two that differ only in case collide. */
const folded = (address: string) => address.toLowerCase();

/**
 * Where each root page goes: its default address (`LICENSE.html`), or in
 * the older layout the one `renames` gives it (`license.html`), as the
 * older tool wrote it. A rename onto an address another page has is an
 * `older-config` warning at the rename, and the page keeps its default.
 */
export function rootPageAddresses(input: AddressInput): RootAddresses {
  const { older } = input;
  const taken = new Set(input.sitePages.map(folded));
  const pages = new Map<string, string>();
  const moved = new Map<string, string>();
  const renamed = ({ source }: { source: string }) => older?.renames.has(path.posix.basename(source)) === true;
  for (const { source, address } of input.rootPages.filter((page) => !renamed(page))) {
    pages.set(source, address);
    taken.add(folded(address));
  }
  for (const { source, address: fallback } of input.rootPages.filter(renamed)) {
    const wanted = older ? olderPageAddress(older, source) : fallback;
    const address = taken.has(folded(wanted)) ? fallback : wanted;
    if (older?.file && address !== wanted) {
      const name = path.posix.basename(source);
      const reason = `${source} cannot be published at ${wanted}, which another page of the site has; it stays at ${fallback}`;
      report(older.file, "older-config", reason, placeOfRename(older, name), "warning");
    }
    pages.set(source, address);
    taken.add(folded(address));
    if (address !== fallback) moved.set(fallback, address);
  }
  return { pages, moved };
}

/** A page the site keeps at `to` that the older tool published as `source`, titled `title`. */
export interface OlderPage {
  source: string;
  to: string;
  title: string;
}

/**
 * The redirect pages that keep the older tool's addresses of pages the site
 * keeps elsewhere (`glossary.html` → `glossary/index.html`), leaving out any
 * address a page of the site already has.
 */
export function olderRedirects(older: OlderConfig | undefined, moved: OlderPage[], pageAddresses: string[]): Redirect[] {
  if (!older) return [];
  const taken = new Set(pageAddresses.map(folded));
  const redirects: Redirect[] = [];
  for (const { source, to, title } of moved) {
    const from = olderPageAddress(older, source);
    if (from === to || taken.has(folded(from))) continue;
    taken.add(folded(from));
    redirects.push({ from, to, title });
  }
  return redirects;
}

/**
 * The root pages the site publishes: all of them, but those published only
 * when linked (`links.md` in the older layout) when no other page links
 * them, by a link the site stage resolves or by a site path the document
 * stage wrote (a link definition's, raw HTML's). `lessonUses` are the
 * lessons' references, one of each kind and key.
 */
export function publishedPages(input: SiteInput, lessons: SiteLesson[], lessonUses: FoundReference[]): { file: VFile; value: RootPage }[] {
  const pages = input.pages ?? [];
  if (pages.every(({ value }) => !value.whenLinked)) return pages;
  const trees = [
    input.home,
    ...input.glossary.map((entry) => entry.definition),
    ...input.bibliography.map((entry) => entry.content),
    ...pages.flatMap(({ value }) => (value.whenLinked ? [] : [value.body])),
  ];
  const lessonHoles = lessons.map(({ outline }) =>
    holesOf([...outline.intro, ...outline.sections.flatMap((s) => [...s.heading, ...s.body])]),
  );
  const linked = new Set<string>();
  for (const { kind, key } of [...lessonUses, ...trees.flatMap((tree) => findReferences(tree))])
    if (kind === "page") linked.add(pageSourceOf(key));
  const linkedPaths = new Set([...trees, ...lessonHoles].flatMap((tree) => collectSitePaths(tree)));
  return pages.filter(({ value }) => !value.whenLinked || linked.has(value.source) || linkedPaths.has(value.address));
}

/**
 * The pages the older tool published from a Markdown file that the site
 * keeps at an address of its own: the home page (`README.md`), the glossary
 * and the bibliography, which it knew only as `glossary.md` and
 * `bibliography.md` and published beside the home page.
 */
export function olderPages(input: SiteInput): OlderPage[] {
  const moved: OlderPage[] = [];
  if (input.homeFile) moved.push({ source: input.homeFile.path, to: pagePaths.home, title: input.title });
  if (input.glossaryFile) moved.push({ source: "glossary.md", to: pagePaths.glossary, title: "Glossary" });
  if (input.bibliographyFile) moved.push({ source: "bibliography.md", to: pagePaths.bibliography, title: "Bibliography" });
  return moved;
}
