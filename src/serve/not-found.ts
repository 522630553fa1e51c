import type { Root } from "hast";
import { h } from "hastscript";
import { serialiseHtml } from "../html/serialise.js";
import { pageUrl } from "./request-path.js";
import { isPage } from "./snapshot.js";

/**
 * The dev server's 404 page: what was asked for, a link to the home page and
 * every page of the current build, so a mistyped or renamed URL is one click
 * from where the reader meant to go.
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
