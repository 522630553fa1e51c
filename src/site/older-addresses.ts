import path from "node:path";
import { report } from "../diagnostics/report.js";
import { olderPageAddress, placeOfRename, type OlderConfig } from "../project/older-config.js";
import type { Redirect } from "./model.js";

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
