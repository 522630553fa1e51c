import type { Element, ElementContent, Root, RootContent } from "hast";
import { h } from "hastscript";
import { toString } from "hast-util-to-string";
import GithubSlugger from "github-slugger";
import type { VFile } from "vfile";
import { report } from "../diagnostics/report.js";
import { referenceProperties } from "../markdown/placeholders.js";
import { toHtmlParts, type HtmlParts } from "./html-parts.js";
import { serialiseHtml } from "./serialise.js";

/** One `##` section of a lesson: one slide, one `<section>` on the page. */
export interface Section {
  id: string;
  /** The heading as plain text. */
  title: string;
  /** Classes from the heading's attribute list (`exercise`, `aside`, …). */
  classes: string[];
  /** The heading and everything up to the next `##`, as HTML trees. */
  children: ElementContent[];
}

/** A lesson's HTML split the way pages and slides use it. */
export interface LessonBody {
  /** The text of the `# ` heading, if there is one. */
  heading: string | undefined;
  /** Classes from the `# ` heading's attribute list (`# Title {: .fixme}`). */
  headingClasses: string[];
  /** Everything between the `# ` heading and the first `##`. */
  intro: ElementContent[];
  sections: Section[];
}

function isHeading(node: RootContent, tagName: string): node is Element {
  return node.type === "element" && node.tagName === tagName;
}

function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function contentOf(nodes: RootContent[]): ElementContent[] {
  return nodes.filter((node): node is ElementContent => node.type !== "doctype");
}

function foldSolution(section: Section): void {
  const [heading, ...body] = section.children;
  if (!heading) return;
  section.children = [heading, h("details.solution-body", [h("summary", "Show the solution"), ...body])];
}

/** An exercise heading that says nothing but that it is one ("Exercise", "Exercises:"): the label says it already. */
const bareExerciseTitle = /^\s*exercises?\s*[:.]?\s*$/i;
/** The start of an exercise heading that says so before its title ("Exercise: Sorting"), which the label replaces. */
const exerciseTitlePrefix = /^\s*exercises?\s*[:.\u2013\u2014-]\s+(?=\S)/i;

/**
 * An exercise heading's content with its label in front: "Exercise 1.2"
 * alone for a heading "Exercises", "Exercise 1.2: Sorting" for "Sorting"
 * and for "Exercise: Sorting", so the word is never shown twice.
 */
function labelledExerciseHeading(children: ElementContent[], id: string): ElementContent[] {
  const label = h("span.exercise-label", referenceProperties("exercise-label", id));
  if (bareExerciseTitle.test(toString({ type: "root", children }))) return [label];
  const [first, ...rest] = children;
  const prefix = first?.type === "text" ? exerciseTitlePrefix.exec(first.value) : null;
  const title = first?.type === "text" && prefix ? [{ ...first, value: first.value.slice(prefix[0].length) }, ...rest] : children;
  return [label, { type: "text", value: ": " }, ...title];
}

/**
 * Split a lesson's HTML at its `##` headings. Each heading's classes (from
 * its attribute list) move to the section; exercise headings get a label
 * the site stage numbers (`Exercise 1.2`); a solution's body is folded into
 * a `<details>`.
 */
export function splitSections(tree: Root, file: VFile): LessonBody {
  const slugger = new GithubSlugger();
  const usedIds = new Set<string>();
  const body: LessonBody = { heading: undefined, headingClasses: [], intro: [], sections: [] };
  let current: Section | undefined;
  for (const node of tree.children) {
    if (body.heading === undefined && current === undefined && isHeading(node, "h1")) {
      body.heading = toString(node);
      body.headingClasses = classesOf(node);
      continue;
    }
    if (!isHeading(node, "h2")) {
      if (current) current.children.push(...contentOf([node]));
      else body.intro.push(...contentOf([node]));
      continue;
    }
    const classes = classesOf(node);
    const title = toString(node);
    const explicit = typeof node.properties.id === "string" ? node.properties.id : undefined;
    if (explicit !== undefined && usedIds.has(explicit)) {
      report(file, "section-duplicate-id", `section id "${explicit}" is used twice in this lesson`, node.position);
    }
    let id = explicit;
    // An automatic id steps over every id already taken, explicit ones included.
    while (id === undefined || (explicit === undefined && usedIds.has(id))) id = slugger.slug(title || "section");
    usedIds.add(id);
    const heading: Element = { ...node, properties: { id: undefined, className: undefined } };
    if (classes.includes("exercise")) heading.children = labelledExerciseHeading(heading.children, id);
    current = { id, title, classes, children: [heading] };
    if (classes.includes("solution")) {
      const previous = body.sections.at(-1);
      if (!previous?.classes.includes("exercise")) {
        report(file, "solution-orphan", `solution section "${title}" does not follow an exercise section`, node.position);
      }
    }
    body.sections.push(current);
  }
  for (const section of body.sections) if (section.classes.includes("solution")) foldSolution(section);
  return body;
}

/** A section as the pages show it: its heading and body serialised, with holes (see `html-parts.ts`). */
export interface SectionHtml {
  id: string;
  title: string;
  classes: string[];
  /** What the `<h2>` holds: pages add the element itself, with the section's id where the page needs it there. */
  heading: HtmlParts;
  body: HtmlParts;
}

/** A lesson's body as the pages show it, serialised once where the lesson is read. */
export interface LessonHtml {
  heading: string | undefined;
  headingClasses: string[];
  intro: HtmlParts;
  sections: SectionHtml[];
}

/** Serialise a lesson's body, leaving as trees the nodes whose HTML depends on the page (`isHole`). */
export function serialiseBody(body: LessonBody, isHole: (node: ElementContent) => boolean): LessonHtml {
  return {
    heading: body.heading,
    headingClasses: body.headingClasses,
    intro: toHtmlParts(body.intro, isHole, serialiseHtml),
    sections: body.sections.map(({ id, title, classes, children: [heading, ...rest] }) => ({
      id,
      title,
      classes,
      heading: heading?.type === "element" ? toHtmlParts(heading.children, isHole, serialiseHtml) : [],
      body: toHtmlParts(rest, isHole, serialiseHtml),
    })),
  };
}
