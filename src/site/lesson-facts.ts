import { holesOf } from "../html/html-parts.js";
import type { SectionHtml } from "../html/sections.js";
import type { LessonDocument, LessonFacts } from "./model.js";

function isExerciseOrSolution(section: SectionHtml): boolean {
  return section.classes.includes("exercise") || section.classes.includes("solution");
}

/** A lesson's facts: its document with the body reduced to its outline (see {@link LessonFacts}). */
export function factsOf({ body, ...document }: LessonDocument): LessonFacts {
  return {
    ...document,
    outline: {
      heading: body.heading,
      headingClasses: body.headingClasses,
      intro: holesOf(body.intro),
      sections: body.sections.map((section) =>
        isExerciseOrSolution(section) ? section : { ...section, heading: holesOf(section.heading), body: holesOf(section.body) },
      ),
    },
  };
}
