import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import type { LessonFolder } from "../../src/project/layout.js";
import { orderLessons } from "../../src/project/lesson-order.js";

const folders: LessonFolder[] = ["01_intro", "02_files", "03_setup", "04_style"].map((slug) => ({
  slug,
  file: `/course/${slug}/index.md`,
  dir: `/course/${slug}`,
  dataDir: `/course/${slug}`,
}));

function order(frontMatter: string, listed: { lessons?: string[]; appendices?: string[] }) {
  const home = new VFile({ path: "content/index.md", value: `---\n${frontMatter}---\n# Home\n` });
  const slugs = orderLessons(folders, listed, home).map((folder) => folder.slug);
  return { slugs, messages: home.messages.map(formatMessageLine) };
}

describe("the order of lessons and appendices from the home page's front matter", () => {
  it("puts the listed appendices after the other folders, in the order listed", () => {
    expect(order("appendices:\n  - 04_style\n  - 02_files\n", { appendices: ["04_style", "02_files"] })).toEqual({
      slugs: ["01_intro", "03_setup", "04_style", "02_files"],
      messages: [],
    });
  });

  it("puts them after the listed lessons, and reports a lesson listed as both, an unknown appendix and the folders left out, where each is written", () => {
    const text = "lessons:\n  - 02_files\n  - 01_intro\nappendices:\n  - 01_intro\n  - 03_stup\n";
    expect(order(text, { lessons: ["02_files", "01_intro"], appendices: ["01_intro", "03_stup"] })).toEqual({
      slugs: ["02_files", "01_intro"],
      messages: [
        `content/index.md:2:1 warning lesson folder "03_setup" is not in the home page's \`lessons:\` list, so the site leaves it out (add it to the list, or move the folder out of the course) [lesson-unlisted]`,
        `content/index.md:2:1 warning lesson folder "04_style" is not in the home page's \`lessons:\` list, so the site leaves it out (add it to the list, or move the folder out of the course) [lesson-unlisted]`,
        'content/index.md:6:5 warning lesson "01_intro" is listed twice on the home page; the second is ignored [lesson-duplicate]',
        'content/index.md:7:5 error lesson "03_stup" is listed on the home page but has no folder with an index.md (did you mean "03_setup"?) [lesson-unknown]',
      ],
    });
  });
});
