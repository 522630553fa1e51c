import type { ElementContent } from "hast";
import path from "node:path";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import type { HtmlParts } from "../html/html-parts.js";
import { serialiseHtml } from "../html/serialise.js";
import type { LessonHtml, SectionHtml } from "../html/sections.js";
import type { SiteIndex, SiteLesson } from "../site/model.js";
import { isTermsPlaceholder } from "../markdown/placeholders.js";
import { glossaryOrder } from "../site/glossary.js";
import { definitionText, resolveForPage, type PageContext } from "../site/resolve.js";
import { pagePaths, publishedUrl, relativeUrl, rootPrefix } from "../project/urls.js";
import { courseFooterHtml } from "./course-footer.js";
import { repositoryLink } from "./source-links.js";

/** Which entry of the site menu a page belongs to, for the menu to mark it. */
function menuEntryOf(page: string): string {
  if (page === pagePaths.glossary) return "glossary";
  if (page === pagePaths.bibliography) return "bibliography";
  if (page === pagePaths.exercises) return "exercises";
  return "lessons";
}

/** The longest description a page gives search engines and link previews, which cut longer ones themselves. */
const descriptionLength = 200;

/**
 * A page's `<meta name="description">`: `text` on one line, cut at a word
 * before {@link descriptionLength} characters with an ellipsis; undefined
 * for no text.
 */
export function pageDescription(text: string | undefined): string | undefined {
  const line = text?.replace(/\s+/g, " ").trim();
  if (!line) return undefined;
  if (line.length <= descriptionLength) return line;
  const cut = line.slice(0, descriptionLength - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/** The text of the first paragraph among `nodes` (a home page's or a root page's), where a page without its own summary starts. */
export function firstParagraphText(nodes: ElementContent[]): string | undefined {
  const paragraph = nodes.find((node) => node.type === "element" && node.tagName === "p");
  return paragraph ? toString(paragraph) : undefined;
}

/**
 * A course title as its main part and the rest, cut at the first colon or
 * dash (`The Webonomicon` and `: Building Web Applications…`), so that a
 * narrow header can show the main part whole instead of cutting the title
 * off mid-word; the rest is empty when the title has no such break.
 */
export function titleParts(title: string): { main: string; rest: string } {
  const at = title.search(/:\s|\s[—–-]\s/);
  return at > 0 ? { main: title.slice(0, at), rest: title.slice(at) } : { main: title, rest: "" };
}

/**
 * How the course outline marks a lesson on `page`: `"page"` on the lesson's
 * own page, `"true"` on another page in its folder (the view page of one of
 * its files), undefined elsewhere.
 */
function currentness(page: string, lessonPage: string): "page" | "true" | undefined {
  if (page === lessonPage) return "page";
  const folder = path.posix.dirname(lessonPage);
  return folder !== "." && page.startsWith(`${folder}/`) ? "true" : undefined;
}

/** The values every template receives. */
export function commonContext(index: SiteIndex, page: string) {
  const root = rootPrefix(page);
  return {
    root,
    page,
    /** Whether the page is the home page, which the menu marks as the current page rather than as the section the page is in. */
    isHome: page === pagePaths.home,
    menuEntry: menuEntryOf(page),
    /** The page's published address, when the course says where the site is published. */
    canonical: index.course.url && publishedUrl(index.course.url, page),
    /** What a link preview (Open Graph, Twitter) shows beside the page's title and description. */
    preview: {
      type: "website",
      // Absolute where the site's address is known, as link previews need it.
      image:
        index.course.logo &&
        (index.course.url ? publishedUrl(index.course.url, index.course.logo.path) : `${root}${index.course.logo.path}`),
    },
    /** The course's own icon, else the generator's. */
    favicon: {
      href: `${root}${index.favicon?.path ?? "assets/favicon.svg"}`,
      type: index.favicon?.type ?? "image/svg+xml",
    },
    site: {
      title: index.title,
      titleParts: titleParts(index.title),
      subtitle: index.subtitle,
      lang: index.course.lang,
      logo: index.course.logo && `${root}${index.course.logo.path}`,
      /** The course's own stylesheets, linked after the built-in ones. */
      stylesheets: index.course.css.map((file) => `${root}${file.path}`),
      footer: courseFooterHtml(index.course, root),
      home: `${root}${pagePaths.home}`,
      glossary: `${root}${pagePaths.glossary}`,
      bibliography: `${root}${pagePaths.bibliography}`,
      // A site without exercises has no exercises page, so nothing may link one.
      exercises: index.exercises.length > 0 ? `${root}${pagePaths.exercises}` : undefined,
      // Built when a template reads it: every page has this list (the course outline), so building it eagerly is quadratic in the lessons.
      get lessons() {
        return index.lessons.map((lesson) => ({
          kind: lesson.kind,
          label: lesson.label,
          name: lesson.name,
          title: lesson.title,
          href: relativeUrl(page, lesson.page),
          current: currentness(page, lesson.page),
        }));
      },
    },
  };
}

/** The HTML of `parts` (or of whole trees) as shown on one page: holes filled, placeholders resolved, URLs relative to it. */
export function pageHtml(parts: HtmlParts, index: SiteIndex, context: PageContext): string {
  return parts
    .map((part) => (typeof part === "string" ? part : serialiseHtml({ type: "root", children: resolveForPage([part], index, context) })))
    .join("");
}

/** The glossary terms a lesson links, in glossary order, each with its HTML as `lesson.liquid` shows it. */
function termsOf(index: SiteIndex, lesson: SiteLesson, page: string) {
  return (index.termsByLesson.get(lesson.slug) ?? [])
    .flatMap((key) => {
      const entry = index.glossary.get(key);
      return entry
        ? [
            {
              key,
              term: entry.term,
              termContent: entry.termContent,
              html: pageHtml(entry.termContent, index, { page, lesson: lesson.slug }),
              definition: definitionText(entry),
              href: relativeUrl(page, `${pagePaths.glossary}#${key}`),
            },
          ]
        : [];
    })
    .sort(glossaryOrder);
}

function termsParagraph(terms: { termContent: ElementContent[]; definition: string; href: string }[]): ElementContent {
  const links: ElementContent[] = terms.flatMap((term, at) => [
    ...(at > 0 ? [{ type: "text" as const, value: ", " }] : []),
    h("a.glossary-term", { href: term.href, dataDefinition: term.definition }, structuredClone(term.termContent)),
  ]);
  return h("p#terms.terms", [h("strong", "Terms defined:"), " ", ...links]);
}

/** The section's `<h2>`, as a tree around its serialised parts, with `id` if given. */
function headingOf(section: SectionHtml, id: string | undefined): ElementContent {
  const children = section.heading.map((part): ElementContent => (typeof part === "string" ? { type: "raw", value: part } : part));
  return h("h2", { id }, children);
}

/**
 * A section ready for a template: its id, classes and HTML, whole and as its
 * heading and the rest (the lesson page sets a link beside the heading). With `headingId`,
 * the section's id is on its heading rather than on the `<section>` (the lesson
 * page), so that the search index can link a match to the section it is in.
 */
export function sectionContext(section: SectionHtml, index: SiteIndex, context: PageContext, options: { headingId?: boolean } = {}) {
  const heading = pageHtml([headingOf(section, options.headingId ? section.id : undefined)], index, context);
  const body = pageHtml(section.body, index, context);
  return { id: section.id, title: section.title, classes: section.classes, heading, body, html: heading + body };
}

/** Everything `lesson.liquid` shows for one lesson, whose body is `body`. */
export function lessonContext(index: SiteIndex, lesson: SiteLesson, body: LessonHtml) {
  const page = lesson.page;
  const context = { page, lesson: lesson.slug };
  const terms = termsOf(index, lesson, page);
  const placeholderAt = body.intro.findIndex((part) => typeof part !== "string" && isTermsPlaceholder(part));
  const intro = [...body.intro];
  if (placeholderAt >= 0) intro.splice(placeholderAt, 1, ...(terms.length > 0 ? [termsParagraph(terms)] : []));
  const sections = body.sections.filter((section) => !section.classes.includes("notes"));
  const position = index.lessons.indexOf(lesson);
  const previous = index.lessons[position - 1];
  const next = index.lessons[position + 1];
  const neighbour = (other: SiteLesson | undefined) =>
    other ? { kind: other.kind, name: other.name, title: other.title, href: relativeUrl(page, other.page) } : undefined;
  const common = commonContext(index, page);
  return {
    ...common,
    preview: { ...common.preview, type: "article" },
    title: lesson.title,
    // Without a summary of its own, what the lesson covers: its sections' titles.
    description: pageDescription(
      lesson.summary ?? `${lesson.name} of ${index.title}, ${lesson.title}: ${sections.map((section) => section.title).join(", ")}.`,
    ),
    lesson: {
      slug: lesson.slug,
      kind: lesson.kind,
      label: lesson.label,
      name: lesson.name,
      title: lesson.title,
      classes: body.headingClasses,
      slides: relativeUrl(page, lesson.slides),
      edit: index.course.repository && repositoryLink(index.course.repository, "edit", lesson.source),
      terms: placeholderAt >= 0 ? [] : terms,
      intro: pageHtml(intro, index, context),
      toc: sections.map((section) => ({ id: section.id, title: section.title, classes: section.classes })),
      sections: sections.map((section) => sectionContext(section, index, context, { headingId: true })),
      previous: neighbour(previous),
      next: neighbour(next),
    },
  };
}
