import type { Element } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { buildSite, type BuildResult } from "../src/pipeline/build-site.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { siteOf, type BuiltSite } from "./helpers/site-pages.js";

let result: BuildResult;
let site: BuiltSite;

beforeAll(async () => {
  result = await buildSite({ root: path.join(repoRoot, "test/sites/legacy") });
  site = siteOf(result.files);
});

describe("the older layout (lessons at the root, data files beside them)", () => {
  it("is recognised and builds without diagnostics", () => {
    expect(result.layout.kind).toBe("legacy");
    expect(result.messages.map(formatMessageLine)).toEqual([]);
  });

  it("takes the home page from README.md and orders lessons by folder name", () => {
    const home = site.page("index.html");
    expect(toString(select("h1", home)!)).toBe("Legacy Course");
    expect(selectAll(".lesson-list > li h3 > a", home).map((link) => toString(link))).toEqual(["Introduction", "The Shell"]);
  });

  it("reads data files from beside the lesson and publishes them there", () => {
    const block = select("figure.data-file", site.page("01_intro/index.html"))!;
    expect(toString(select("pre", block)!)).toBe("echo hello");
    const download = select("figure.data-file a.data-file-name", site.page("01_intro/index.html")) as Element;
    expect(download.properties.href).toBe("hello.sh");
    expect(site.paths).toContain("01_intro/hello.sh");
  });

  it("resolves figure and lesson references across lessons", () => {
    const intro = site.page("01_intro/index.html");
    const figure = select("a.figure-reference", intro) as Element;
    expect([toString(figure), figure.properties.href]).toEqual(["Figure 2.1", "../02_shell/index.html#legacy_pipe"]);
    const lesson = select("a.lesson-reference", intro) as Element;
    expect([toString(lesson), lesson.properties.href]).toEqual(["The Shell", "../02_shell/index.html"]);
  });

  it("resolves reference links against <a id> lines in links.md", () => {
    const link = selectAll("a", site.page("02_shell/index.html")).find((a) => toString(a) === "Bash") as Element;
    expect(link.properties.href).toBe("https://www.gnu.org/software/bash/");
  });
});
