import type { Element, ElementContent } from "hast";
import { toString } from "hast-util-to-string";
import { hasRawSiteUrl, isSiteAbsolute, rawSiteUrl, referenceProperty } from "../markdown/placeholders.js";
import type { SiteIndex } from "./model.js";
import { pageSourceOf, referenceOf } from "./references.js";
import { pagePaths, relativeUrl } from "../project/urls.js";

/** Where a tree is being shown: the page's path, and the lesson it comes from (if any). */
export interface PageContext {
  page: string;
  lesson: string | undefined;
}

function setText(element: Element, text: string): void {
  element.children = [{ type: "text", value: text }];
}

function unresolved(element: Element, fallback: string): void {
  element.tagName = "span";
  element.properties = { className: ["unresolved-reference"] };
  if (element.children.length === 0) setText(element, fallback);
}

/** A glossary entry as one line of plain text, `term: definition`, for the definition a link shows on hover or tap. */
export function definitionText(entry: { term: string; definition: ElementContent[] }): string {
  return `${entry.term}: ${toString({ type: "root", children: entry.definition }).trim().replace(/\s+/g, " ")}`;
}

function resolveReference(element: Element, index: SiteIndex, context: PageContext): void {
  const reference = referenceOf(element);
  if (!reference) return;
  const { kind, key } = reference;
  delete element.properties[referenceProperty];
  const link = (target: string, className: string) => {
    element.properties.href = relativeUrl(context.page, target);
    element.properties.className = [className];
  };
  switch (kind) {
    case "g": {
      const entry = index.glossary.get(key);
      if (!entry) return unresolved(element, key);
      link(`${pagePaths.glossary}#${key}`, "glossary-term");
      element.properties.dataDefinition = definitionText(entry);
      return;
    }
    case "b":
      if (!index.bibliography.has(key)) return unresolved(element, key);
      return link(`${pagePaths.bibliography}#${key}`, "citation");
    case "f":
    case "t": {
      const landmark = index.landmarks.get(key);
      if (!landmark) return unresolved(element, key);
      link(`${landmark.lesson.page}#${key}`, `${landmark.kind}-reference`);
      if (element.children.length === 0) setText(element, landmark.label);
      return;
    }
    case "page": {
      const source = pageSourceOf(key);
      const page = index.pagesBySource.get(source);
      if (!page) return unresolved(element, key);
      element.properties.href = relativeUrl(context.page, page + key.slice(source.length));
      return;
    }
    case "x": {
      const lesson = index.lessonsBySlug.get(key);
      if (!lesson) return unresolved(element, key);
      link(lesson.page, "lesson-reference");
      if (element.children.length === 0) setText(element, lesson.title);
      return;
    }
    case "error":
      element.tagName = "p";
      element.properties = { className: ["build-error"] };
      return setText(element, key);
    case "figure-label":
    case "table-label":
      return setText(element, index.landmarks.get(key)?.label ?? "");
    case "exercise-label":
      return setText(element, index.exerciseLabels.get(`${context.lesson ?? ""}#${key}`) ?? "Exercise");
  }
}

/**
 * A site path (without its `/`) with a root page's default address swapped
 * for the one a rename gave it (see {@link SiteIndex.movedPages}): the
 * document stage links pages it cannot leave to the site stage (link
 * definitions, raw HTML) by their default address.
 */
function movedTo(index: SiteIndex, url: string): string {
  if (index.movedPages.size === 0) return url;
  const cut = url.search(/[?#]/);
  const target = cut < 0 ? url : url.slice(0, cut);
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    return url;
  }
  const moved = index.movedPages.get(decoded);
  return moved === undefined ? url : encodeURI(moved) + url.slice(target.length);
}

function resolveSiteUrl(element: Element, property: "href" | "src", index: SiteIndex, page: string): void {
  const value = element.properties[property];
  if (isSiteAbsolute(value)) element.properties[property] = relativeUrl(page, movedTo(index, value.slice(1)));
}

/**
 * A copy of `nodes` as they appear on one page: placeholders become links
 * and labels ("Figure 1.2", "Exercise 1.1", a glossary link with its
 * definition), and site-absolute URLs (`/virt/files/x.py`) become relative
 * to the page, so the site works from any folder and from `file://`.
 */
export function resolveForPage(nodes: ElementContent[], index: SiteIndex, context: PageContext): ElementContent[] {
  // A copy made while walking: the source trees are shared by every page that shows them.
  const copy = (node: ElementContent): ElementContent => {
    if (node.type === "raw" && hasRawSiteUrl(node.value)) {
      const value = node.value.replace(
        rawSiteUrl,
        (_, before: string, url: string) => `${before}${relativeUrl(context.page, movedTo(index, url))}"`,
      );
      return { ...node, value };
    }
    if (node.type !== "element") return { ...node };
    // An error's place is marked only in a site written despite its errors (`--keep-going`).
    if (!index.markErrors && referenceOf(node)?.kind === "error") return { type: "text", value: "" };
    const element: Element = { ...node, properties: { ...node.properties } };
    resolveReference(element, index, context);
    resolveSiteUrl(element, "href", index, context.page);
    resolveSiteUrl(element, "src", index, context.page);
    element.children = element.children.map(copy);
    return element;
  };
  return nodes.map(copy);
}
