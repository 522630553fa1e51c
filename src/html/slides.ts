/** What a deck needs to know of a section: its classes. */
interface Classed {
  classes: string[];
}

/** One slide of a deck: the section it shows and the speaker notes attached to it. */
export interface SectionSlide<Section extends Classed> {
  section: Section;
  /** `{: .notes}` sections that follow this one, in order. */
  notes: Section[];
}

/** A lesson as a deck: the title slide (the H1 and the intro) and one slide per `##` section. */
export interface DeckPlan<Section extends Classed> {
  /** Notes sections that come before the first ordinary section belong to the title slide. */
  titleNotes: Section[];
  slides: SectionSlide<Section>[];
}

/**
 * Group a lesson's sections into slides. Every section becomes a slide,
 * except `{: .notes}` sections, which are speaker notes for the slide
 * before them (the title slide if they come first):
 *
 * ```markdown
 * ## Running a Container
 * …
 * ## Timing {: .notes}
 * Ten minutes, then the exercise.
 * ```
 *
 * gives one slide, "Running a Container", whose notes are "Ten minutes, …".
 */
export function planDeck<Section extends Classed>(body: { sections: Section[] }): DeckPlan<Section> {
  const plan: DeckPlan<Section> = { titleNotes: [], slides: [] };
  for (const section of body.sections) {
    if (section.classes.includes("notes")) {
      const previous = plan.slides.at(-1);
      if (previous) previous.notes.push(section);
      else plan.titleNotes.push(section);
      continue;
    }
    plan.slides.push({ section, notes: [] });
  }
  return plan;
}
