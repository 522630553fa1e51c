import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import type { Section } from "../../src/html/sections.js";
import { planDeck } from "../../src/html/slides.js";

function section(id: string, ...classes: string[]): Section {
  return { id, title: id, classes, children: [h("h2", id), h("p", `about ${id}`)] };
}

describe("planDeck", () => {
  it("makes one slide per section, in order, asides and exercises included", () => {
    const plan = planDeck({ sections: [section("a"), section("b", "aside"), section("c", "exercise")] });
    expect(plan.slides.map((slide) => slide.section.id)).toEqual(["a", "b", "c"]);
    expect(plan.titleNotes).toEqual([]);
  });

  it("attaches notes sections to the slide before them instead of making slides of them", () => {
    const notes = section("timing", "notes");
    const more = section("more", "notes");
    const plan = planDeck({ sections: [section("a"), notes, more, section("b")] });
    expect(plan.slides.map((slide) => [slide.section.id, slide.notes.map((note) => note.id)])).toEqual([
      ["a", ["timing", "more"]],
      ["b", []],
    ]);
  });

  it("gives notes that come before every section to the title slide", () => {
    const welcome = section("welcome", "notes");
    const plan = planDeck({ sections: [welcome, section("a")] });
    expect(plan.titleNotes).toEqual([welcome]);
    expect(plan.slides.map((slide) => slide.section.id)).toEqual(["a"]);
  });
});
