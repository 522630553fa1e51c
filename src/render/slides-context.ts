import type { HtmlParts } from "../html/html-parts.js";
import type { LessonHtml, SectionHtml } from "../html/sections.js";
import { isCompactTranscript, shortenForSlide } from "../html/slide-transcripts.js";
import { planDeck } from "../html/slides.js";
import type { SiteIndex, SiteLesson } from "../site/model.js";
import { isTermsPlaceholder } from "../markdown/placeholders.js";
import type { PageContext } from "../site/resolve.js";
import { relativeUrl } from "../project/urls.js";
import { commonContext, pageHtml, sectionContext } from "./page-context.js";
import { revealPaths } from "./reveal-assets.js";

/** Speaker notes as HTML: each notes section's body, without its `##` heading. */
function notesHtml(notes: SectionHtml[], index: SiteIndex, context: PageContext): string {
  return pageHtml(
    notes.flatMap((section) => section.body),
    index,
    context,
  );
}

/** `parts` as a slide shows them: long transcripts cut short, with a link to `href` for the rest. */
function forSlide(parts: HtmlParts, href: string): HtmlParts {
  return parts.map((part) => (typeof part !== "string" && isCompactTranscript(part) ? shortenForSlide(part, href) : part));
}

/**
 * Everything `slides.liquid` shows for one lesson's deck (`body` is its body): the title slide
 * (the H1 and the intro, without the "Terms defined" placeholder), one slide
 * per `##` section with the same resolved links, labels and highlighted code
 * as the lesson page, and speaker notes attached to the slide before them.
 * Each slide links back to its section on the lesson page, as does a long
 * transcript cut short on it.
 */
export function slidesContext(index: SiteIndex, lesson: SiteLesson, body: LessonHtml) {
  const page = lesson.slides;
  const context: PageContext = { page, lesson: lesson.slug };
  const plan = planDeck(body);
  return {
    ...commonContext(index, page),
    title: lesson.title,
    reveal: {
      script: relativeUrl(page, revealPaths.script),
      stylesheet: relativeUrl(page, revealPaths.stylesheet),
      notesPlugin: relativeUrl(page, revealPaths.notesPlugin),
    },
    lesson: {
      slug: lesson.slug,
      kind: lesson.kind,
      label: lesson.label,
      name: lesson.name,
      title: lesson.title,
      page: relativeUrl(page, lesson.page),
    },
    titleSlide: {
      intro: pageHtml(
        forSlide(
          body.intro.filter((part) => typeof part === "string" || !isTermsPlaceholder(part)),
          relativeUrl(page, lesson.page),
        ),
        index,
        context,
      ),
      notes: notesHtml(plan.titleNotes, index, context),
    },
    slides: plan.slides.map(({ section, notes }) => {
      const source = relativeUrl(page, `${lesson.page}#${section.id}`);
      return {
        ...sectionContext({ ...section, body: forSlide(section.body, source) }, index, context),
        source,
        notes: notesHtml(notes, index, context),
      };
    }),
  };
}
