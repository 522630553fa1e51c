import type { Root } from "hast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toHast } from "mdast-util-to-hast";
import { visit } from "unist-util-visit";
import { serialiseHtml } from "../html/serialise.js";
import type { CourseSettings } from "../project/course-config.js";

/** Whether `url` is relative to the page it is on: no scheme, no leading `/`, not a fragment. */
function isRelative(url: string): boolean {
  return url !== "" && !/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(url) && !url.startsWith("/") && !url.startsWith("#");
}

/** A build's settings → the footer's HTML at each root prefix: the same on every page of a folder's depth, so each is made once. */
const footersBySettings = new WeakMap<CourseSettings, Map<string, string>>();

/**
 * The course's footer (`footer:` in `lessons.yml`, Markdown: a licence, a
 * copyright), if it has one, as HTML on a page whose way back to the site root is `root`:
 * CommonMark, without raw HTML, with relative links and images taken as
 * relative to the site root, so the footer leads to the same place from
 * every page.
 *
 * `Licensed [CC-BY](LICENSE.html)` on `virt/index.html` →
 * `<p>Licensed <a href="../LICENSE.html">CC-BY</a></p>`
 */
export function courseFooterHtml(settings: CourseSettings, root: string): string | undefined {
  if (settings.footer === undefined) return undefined;
  const byRoot = footersBySettings.get(settings) ?? new Map<string, string>();
  footersBySettings.set(settings, byRoot);
  const known = byRoot.get(root);
  if (known !== undefined) return known;
  const tree = toHast(fromMarkdown(settings.footer)) as Root;
  visit(tree, "element", (node) => {
    for (const attribute of ["href", "src"] as const) {
      const value = node.properties[attribute];
      if (typeof value === "string" && isRelative(value)) node.properties[attribute] = `${root}${value}`;
    }
  });
  const html = serialiseHtml(tree);
  byRoot.set(root, html);
  return html;
}
