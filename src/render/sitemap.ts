import { publishedUrl } from "../project/urls.js";
import type { OutputFile } from "./output.js";
import type { PageSpec } from "./pages.js";

/** Pages that are no address of their own: a redirect leads elsewhere, and the 404 page stands in for missing ones. */
const notListed = new Set(["redirect", "404"]);

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * `sitemap.xml` for a site published at `siteUrl` (ending in `/`): the
 * published address of every page, in the site's page order, but redirects
 * and the 404 page. A site without a `url` has none: a sitemap lists full
 * addresses.
 *
 * ```xml
 * <url><loc>https://example.org/course/virt/</loc></url>
 * ```
 */
export function sitemapFile(siteUrl: string, pages: readonly PageSpec[]): OutputFile {
  const entries = pages
    .filter((page) => !notListed.has(page.template))
    .map((page) => `<url><loc>${escapeXml(publishedUrl(siteUrl, page.path))}</loc></url>\n`);
  const contents = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
    ...entries,
    "</urlset>\n",
  ].join("");
  return { path: "sitemap.xml", contents };
}
