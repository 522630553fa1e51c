import type { Root } from "hast";
import { h } from "hastscript";
import { serialiseHtml } from "../html/serialise.js";
import { pageUrl } from "./request-path.js";
import { isPage } from "./snapshot.js";

/**
 * The site's 404 page (`404.html`) as the dev server sends it for an
 * address of any depth: its links taken from the site's root, where the dev
 * server serves it (a `<base href="/">`, in place of the one the page has
 * when the course sets its published `url`).
 */
export function notFoundAtRoot(html: string): string {
  const base = '<base href="/">';
  const existing = /<base href="[^"]*">/;
  return existing.test(html) ? html.replace(existing, base) : html.replace(/<head>/, `<head>\n${base}`);
}

/**
 * The dev server's 404 page while it has no site to take one from (no build
 * has finished): what was asked for, a link to the home page and every page
 * of the current build, if any.
 */
export function notFoundPage(requested: string, files: Iterable<string>): string {
  const pages = [...files].filter(isPage).map(pageUrl).sort();
  const tree: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: "en" }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          h("title", "Not found"),
        ]),
        h("body", [
          h("main", [
            h("h1", "Not found"),
            h("p", ["Nothing in this site is at ", h("code", requested), "."]),
            h("p", [h("a", { href: "/" }, "Go to the home page")]),
            h("h2", "Pages of this site"),
            h(
              "ul",
              pages.map((url) => h("li", [h("a", { href: url }, url)])),
            ),
          ]),
        ]),
      ]),
    ],
  };
  return serialiseHtml(tree);
}
