import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/pipeline/build-site.js";
import type { OutputFile } from "../src/render/output.js";
import { repoRoot } from "./helpers/fixture-project.js";

/** What pagefind stored for one page (its fragment file: gzip, then `pagefind_dcd` and JSON). */
interface Fragment {
  url: string;
  content: string;
  meta: { title?: string };
}

const searchFiles = (files: OutputFile[]) => files.filter((file) => file.path.startsWith("pagefind/"));

function fragments(files: OutputFile[]): Fragment[] {
  return searchFiles(files).flatMap((file) => {
    if (!file.path.endsWith(".pf_fragment") || !("contents" in file) || typeof file.contents === "string") return [];
    const text = gunzipSync(file.contents).toString("utf8");
    return [JSON.parse(text.slice(text.indexOf("{"))) as Fragment];
  });
}

let first: OutputFile[];
let second: OutputFile[];

beforeAll(async () => {
  first = (await buildSite({ root: repoRoot })).files;
  second = (await buildSite({ root: repoRoot })).files;
});

describe("the search index of the project's own site", () => {
  it("holds pagefind's script and index under pagefind/, without pagefind's unused ready-made interfaces", () => {
    const paths = searchFiles(first).map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(["pagefind/pagefind.js", "pagefind/pagefind-entry.json", "pagefind/pagefind-worker.js"]));
    expect(paths.filter((file) => /pagefind-(ui|modular-ui|component-ui|highlight)\./.test(file))).toEqual([]);
  });

  it("indexes the lesson, glossary, bibliography and exercises pages, not the home page or the slides", () => {
    expect(
      fragments(first)
        .map((fragment) => [fragment.url, fragment.meta.title])
        .sort(),
    ).toEqual([
      ["/bibliography/index.html", "Bibliography"],
      ["/exercises/index.html", "Exercises"],
      ["/glossary/index.html", "Glossary"],
      ["/virt/index.html", "Virtualization"],
    ]);
  });

  it("indexes what a lesson says, not its navigation or buttons", () => {
    const lesson = fragments(first).find((fragment) => fragment.url === "/virt/index.html")!;
    expect(lesson.content).toContain("copy-on-write");
    for (const chrome of ["Skip to content", "View as slides", "as a slide", "Contents", "Copy"])
      expect(lesson.content, chrome).not.toMatch(new RegExp(`\\b${chrome}\\b`));
  });

  it("is the same bytes when the same site is built twice in one process", () => {
    const bytes = (files: OutputFile[]) =>
      searchFiles(files).map((file) => [file.path, "contents" in file ? Buffer.from(file.contents).toString("base64") : file.source]);
    expect(bytes(second)).toEqual(bytes(first));
  });
});
