import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runInNewContext } from "node:vm";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBuildCache } from "../src/cache/store.js";
import { isSearchable } from "../src/pipeline/page-stage.js";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { createTimings } from "../src/diagnostics/timings.js";
import { buildCached } from "../src/cache/build-cached.js";
import { buildSite, type BuildResult } from "../src/pipeline/build-site.js";
import type { OutputFile } from "../src/render/output.js";
import { repoRoot } from "./helpers/fixture-project.js";
import { htmlProblemsOf } from "./helpers/html-problems.js";
import { runLessons } from "./helpers/run-lessons.js";
import { internalTargets, siteOf, type BuiltSite } from "./helpers/site-pages.js";

const course = path.join(repoRoot, "test/sites/older-course");
/** Files of the shared course that other tests own (a lesson of pitfalls, the glossary and links files); their diagnostics are theirs. */
const ownedElsewhere = /^(03_|glossary\.|links\.|bibliography\.)/;

let result: BuildResult;
let site: BuiltSite;
let work: string;

beforeAll(async () => {
  result = await buildSite({ root: course, threads: 0 });
  site = siteOf(result.files);
  work = mkdtempSync(path.join(os.tmpdir(), "lessons-older-course-"));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The pages the build made (not the author's own HTML files, which are copied as they are). */
const pages = () =>
  result.files.flatMap((file) =>
    "contents" in file && file.path.endsWith(".html") && !file.path.startsWith("assets/") ? [file.path] : [],
  );

/** The addresses of the files the older tool published as they are, from the course's list. */
function publishedAddresses(): string[] {
  return readFileSync(path.join(course, "published-files.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

/** Each output file's bytes by path, for comparing two builds. */
function bytesOf(files: OutputFile[]): Map<string, Buffer> {
  return new Map(files.map((file) => [file.path, "source" in file ? readFileSync(file.source) : Buffer.from(file.contents)]));
}

/** Assert that two builds give the same files, byte for byte, and the same diagnostics. */
function expectSameBuild(warm: BuildResult, cold: BuildResult): void {
  const [warmBytes, coldBytes] = [bytesOf(warm.files), bytesOf(cold.files)];
  expect([...warmBytes.keys()].sort()).toEqual([...coldBytes.keys()].sort());
  for (const [file, content] of coldBytes) expect(warmBytes.get(file)?.equals(content), file).toBe(true);
  expect(warm.messages.map(formatMessageLine)).toEqual(cold.messages.map(formatMessageLine));
}

/** The file an output path is copied from, or undefined when it is generated. */
function sourceOf(files: OutputFile[], target: string): string | undefined {
  const file = files.find((candidate) => candidate.path === target);
  return file && "source" in file ? file.source : undefined;
}

/** The site path a link or image on `page` leads to (fragment kept), by the element's text or alt text. */
function targetOf(page: string, text: string): string {
  const element = (selectAll("a[href], img[src]", site.page(page)) as Element[]).find(
    (candidate) => toString(candidate) === text || candidate.properties.alt === text,
  );
  const attribute = element && String(element.properties.href ?? element.properties.src);
  const found = internalTargets(site, page).find((target) => target.attribute === attribute);
  if (!found) throw new Error(`no link "${text}" on ${page}`);
  return found.fragment === undefined ? found.target : `${found.target}#${found.fragment}`;
}

/** Where `needle` is written in a course file, as `line:column`. */
function placeOf(file: string, needle: string): string {
  return placeIn(readFileSync(path.join(course, file), "utf8"), needle);
}

/** Where `needle` is written in `text`, as `line:column`. */
function placeIn(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

function ids(tree: Root): Set<string> {
  return new Set((selectAll("[id]", tree) as Element[]).map((element) => String(element.properties.id)));
}

describe("a course in the older layout, built as it is", () => {
  it("reports only the link to a file that does not exist, at the link", () => {
    const own = result.messages.filter((message) => !ownedElsewhere.test(message.file ?? ""));
    expect(own.map(formatMessageLine)).toEqual([
      `01_files/index.md:${placeOf("01_files/index.md", "[server.py](./server.py)")} warning link target "./server.py" cannot be shown: 01_files/server.py does not exist [link-target]`,
    ]);
  });

  it("has no broken link or image on any page", () => {
    const broken = pages().flatMap((page) =>
      internalTargets(site, page).filter(({ target, fragment }) => {
        if (!site.paths.has(target)) return true;
        // A slide's address (`slides.html#/setup`) is the slides' own route, not an id.
        if (fragment === undefined || fragment.startsWith("/") || !target.endsWith(".html")) return false;
        return !ids(site.page(target)).has(fragment);
      }),
    );
    expect(broken).toEqual([]);
  });

  it("leaves no Markdown or older-tool syntax on the pages", () => {
    for (const page of pages()) {
      const main = select("main", site.page(page));
      const text = main ? toString(main) : "";
      for (const literal of ["{:", "[%", "%]", "]("]) expect(text, `${literal} on ${page}`).not.toContain(literal);
      expect(site.text(page), page).not.toMatch(/markdown=["']?1/);
      const hrefs = (selectAll("a[href]", site.page(page)) as Element[]).map((link) => String(link.properties.href));
      expect(
        hrefs.filter((href) => /\.md(#|$)/.test(href)),
        page,
      ).toEqual([]);
    }
  });

  it("takes the README's links to the glossary and bibliography folders, as the older tool had them, to those pages", () => {
    expect(targetOf("index.html", "glossary of terms")).toBe("glossary/index.html");
    expect(targetOf("index.html", "list of works")).toBe("bibliography/index.html");
  });

  it("gives a home page heading its {: #id} and no empty class", () => {
    const heading = select("h2#acknowledgments", site.page("index.html")) as Element;
    expect(toString(heading)).toBe("Acknowledgments");
    expect(heading.properties.className).toBeUndefined();
  });

  it("links other lessons' Markdown and folders to their pages", () => {
    expect(targetOf("01_files/index.html", "processes")).toBe("02_procs/index.html");
    expect(targetOf("02_procs/index.html", "the files lesson")).toBe("01_files/index.html");
    expect(targetOf("index.html", "files and directories")).toBe("01_files/index.html");
    expect(targetOf("index.html", "processes")).toBe("02_procs/index.html");
    expect(targetOf("CONTRIBUTING.html", "02_procs")).toBe("02_procs/index.html#starting-a-process");
    expect(targetOf("02_procs/index.html", "execute permission")).toBe("01_files/index.html#permissions");
    expect(targetOf("02_procs/index.html", "permissions table")).toBe("01_files/index.html#permissions");
  });

  it("gives each root Markdown page a page of its own in the site layout, at the address pyproject.toml renames it to, and links to it land there", () => {
    for (const [name, title] of [
      ["license", "License"],
      ["CONTRIBUTING", "Contributing"],
      ["code_of_conduct", "Code of Conduct"],
      ["links", "Links"],
    ]) {
      const page = site.page(`${name}.html`);
      expect(toString(select("main h1", page)!)).toBe(title);
      expect(select("a.site-title", page)).toBeDefined();
    }
    expect(targetOf("01_files/index.html", "license")).toBe("license.html");
    expect(targetOf("02_procs/index.html", "CONTRIBUTING.md")).toBe("CONTRIBUTING.html");
    expect(targetOf("index.html", "code of conduct")).toBe("code_of_conduct.html");
    expect(targetOf("license.html", "home page")).toBe("index.html");
    expect(targetOf("CONTRIBUTING.html", "the links file")).toBe("links.html");
    // A link definition and raw HTML are written before the site is known; they land at the renamed pages too.
    expect(targetOf("02_procs/index.html", "the course license")).toBe("license.html");
    expect(targetOf("02_procs/index.html", "the code of conduct")).toBe("code_of_conduct.html");
    for (const unrenamed of ["LICENSE.html", "CODE_OF_CONDUCT.html"]) expect(site.paths.has(unrenamed), unrenamed).toBe(false);
  });

  it("gives another Markdown file of a lesson folder a page beside the lesson, whose links and images resolve from that folder", () => {
    expect(toString(select("main h1", site.page("01_files/notes.html"))!)).toBe("Notes on Paths");
    expect(targetOf("01_files/index.html", "notes on paths")).toBe("01_files/notes.html");
    expect(targetOf("01_files/notes.html", "the lesson")).toBe("01_files/index.html#permissions");
    expect(targetOf("01_files/notes.html", "processes")).toBe("02_procs/index.html");
    expect(targetOf("01_files/notes.html", "list.py")).toBe("01_files/list.py.html");
    const image = targetOf("01_files/notes.html", "A small directory tree, again");
    expect(sourceOf(result.files, image)).toBe(path.join(course, "01_files/tree.svg"));
    expect(site.paths.has("01_files/notes.md")).toBe(false);
  });

  it("publishes no page for a Markdown file pyproject.toml skips", () => {
    expect(existsSync(path.join(course, "TODO.md"))).toBe(true);
    expect(pages().filter((page) => /todo/i.test(page))).toEqual([]);
  });

  it("copies files linked from prose and images in raw HTML and on the home page, byte for byte", () => {
    const linked = [
      ["01_files/index.html", "A small directory tree", "01_files/tree.svg"],
      ["01_files/index.html", "icon", "01_files/icon.png"],
      ["02_procs/index.html", "One process becoming two", "02_procs/fork.svg"],
      ["index.html", "The course logo", "static/logo.svg"],
      ["CONTRIBUTING.html", "The course logo, again", "static/logo.svg"],
      ["exercises/index.html", "The tree again", "01_files/tree.svg"],
    ];
    for (const [page = "", text = "", source = ""] of linked) {
      const target = targetOf(page, text);
      expect(sourceOf(result.files, target), `${text} on ${page}`).toBe(path.join(course, source));
    }
  });

  it("links a text file to its view page, whose link to the file leads to the file's copy, byte for byte", () => {
    const linked = [
      ["01_files/index.html", "list.py", "01_files/list.py"],
      ["01_files/index.html", "the first migration", "migrations/001_schema.sql"],
      ["02_procs/index.html", "run.sh", "02_procs/run.sh"],
      ["02_procs/index.html", "listing script", "01_files/list.py"],
      ["03_pitfalls/index.html", "schema", "03_pitfalls/schema.sql"],
      ["03_pitfalls/index.html", "the notes", "03_pitfalls/notes.txt"],
      ["exercises/index.html", "list.py", "01_files/list.py"],
    ];
    for (const [page = "", text = "", source = ""] of linked) {
      const view = targetOf(page, text);
      expect(view, `${text} on ${page}`).toBe(`${source}.html`);
      const name = path.posix.basename(source);
      expect(sourceOf(result.files, targetOf(view, `${name} as a plain file`)), view).toBe(path.join(course, source));
    }
  });

  it("keeps the lesson title's classes, numbers a legacy table once and renders Markdown inside markdown=1 blocks", () => {
    const files = site.page("01_files/index.html");
    expect((select("main h1", files) as Element).properties.className).toEqual(["fixme"]);
    const caption = toString(select("figure#files_perms figcaption", files)!);
    expect(caption).toMatch(/^Table 1\.1: \S/);
    expect(caption.match(/Table/g)).toHaveLength(1);
    expect(toString(select("div.callout strong", site.page("02_procs/index.html"))!)).toBe("fork");
  });

  it("shows no lesson list on a home page whose text links every lesson, and one on a home page that does not", async () => {
    const home = site.page("index.html");
    const linked = new Set(internalTargets(site, "index.html").map(({ target }) => target));
    const every = result.layout.lessons.every((lesson) => linked.has(`${lesson.slug}/index.html`));
    expect(select(".lesson-list", home) === undefined).toBe(every);

    const root = path.join(work, "partial-home");
    cpSync(course, root, { recursive: true });
    writeFileSync(path.join(root, "README.md"), "# Systems Programming\n\nStart with [files](01_files/index.md).\n");
    const partial = siteOf((await buildSite({ root, threads: 0 })).files);
    const listed = selectAll(".lesson-list > li h3 > a", partial.page("index.html")).map((link) => toString(link));
    expect(listed).toEqual(result.layout.lessons.map((lesson) => toString(select("main h1", site.page(`${lesson.slug}/index.html`))!)));
  });

  it("notices, in a warm build, that a linked file outside the lesson's folder went away and came back", async () => {
    const root = path.join(work, "warm");
    cpSync(course, root, { recursive: true });
    const cache = () => openBuildCache(path.join(work, "warm-cache"));
    const build = async () => {
      const built = await buildCached({ root, threads: 0 }, cache());
      const lines = built.messages.map(formatMessageLine).filter((line) => line.includes("001_schema.sql"));
      return { lines, copied: built.files.some((file) => file.path === "migrations/001_schema.sql") };
    };
    expect(await build()).toEqual({ lines: [], copied: true });
    const migration = path.join(root, "migrations/001_schema.sql");
    const text = readFileSync(migration, "utf8");
    unlinkSync(migration);
    const gone = await build();
    expect(gone.copied).toBe(false);
    expect(gone.lines).toEqual([
      `01_files/index.md:${placeOf("01_files/index.md", "[the first migration]")} warning link target "../migrations/001_schema.sql" cannot be shown: migrations/001_schema.sql does not exist [link-target]`,
    ]);
    writeFileSync(migration, text);
    expect(await build()).toEqual({ lines: [], copied: true });
  });

  it("gives a warm build after a root page is edited and one is added the same bytes as a cold build", async () => {
    const root = path.join(work, "warm-pages");
    cpSync(course, root, { recursive: true });
    const cacheDir = path.join(work, "warm-pages-cache");
    await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    writeFileSync(path.join(root, "LICENSE.md"), "# Licence\n\nSee [the changes](CHANGES.md).\n");
    writeFileSync(path.join(root, "CHANGES.md"), "# Changes\n\nA [lesson on processes](02_procs/) was added.\n");
    const warm = await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    const cold = await buildSite({ root, threads: 0 });
    expectSameBuild(warm, cold);
    const rebuilt = siteOf(cold.files);
    expect(toString(select("main h1", rebuilt.page("license.html"))!)).toBe("Licence");
    expect(toString(select("main h1", rebuilt.page("CHANGES.html"))!)).toBe("Changes");
  });
});

/** The addresses listed in a course's `docs-addresses.txt`: one per line, `#` comments and blank lines left out. */
function listedAddresses(root: string): string[] {
  return readFileSync(path.join(root, "docs-addresses.txt"), "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line !== "");
}

/** Where a redirect page leads (site path, from its canonical link), or undefined for any other page. */
function redirectOf(built: BuiltSite, page: string): { target: string; refresh: string; visible: string[] } | undefined {
  const tree = built.page(page);
  const canonical = select('link[rel="canonical"]', tree);
  const refresh = select('meta[http-equiv="refresh"]', tree);
  if (!canonical || !refresh) return undefined;
  const resolve = (url: string) => path.posix.normalize(path.posix.join(path.posix.dirname(page), url));
  const visible = (selectAll("main a[href]", tree) as Element[]).map((link) => resolve(String(link.properties.href)));
  const url = /^0;\s*url=(.*)$/.exec(String(refresh.properties.content))?.[1] ?? "";
  return { target: resolve(String(canonical.properties.href)), refresh: resolve(url), visible };
}

/**
 * Run a redirect page's script as a browser would on `address` (a URL with
 * a fragment): the URL it sends the reader to.
 */
function scriptTarget(built: BuiltSite, page: string, address: string): string {
  const tree = built.page(page);
  const canonical = String((select('link[rel="canonical"]', tree) as Element).properties.href);
  const script = toString(select("script:not([src])", tree)!);
  const url = new URL(address);
  let replaced = "";
  const document = {
    querySelector: (selector: string) => (selector === 'link[rel="canonical"]' ? { href: new URL(canonical, url).href } : null),
  };
  const location = { href: url.href, hash: url.hash, replace: (to: string) => (replaced = to) };
  runInNewContext(script, { document, location });
  return replaced;
}

describe("the older tool's addresses", () => {
  it("answers at every address docs-addresses.txt lists, with the page or a redirect to an existing page", () => {
    const listed = listedAddresses(course);
    expect(listed.length).toBeGreaterThan(0);
    const missing = listed.filter((address) => !site.paths.has(address));
    expect(missing).toEqual([]);
    // Only pages the build made can be redirects; the list may name any file the older tool published.
    const made = new Set(pages());
    for (const address of listed.filter((page) => made.has(page))) {
      const redirect = redirectOf(site, address);
      if (!redirect) continue;
      expect(site.paths.has(redirect.target), `${address} leads to ${redirect.target}`).toBe(true);
      expect(redirectOf(site, redirect.target), `${redirect.target} is a page, not another redirect`).toBeUndefined();
      expect(redirect.refresh, address).toBe(redirect.target);
      expect(redirect.visible, address).toEqual([redirect.target]);
    }
    expect(redirectOf(site, "glossary.html")?.target).toBe("glossary/index.html");
    expect(redirectOf(site, "bibliography.html")?.target).toBe("bibliography/index.html");
  });

  it("writes each redirect page as valid HTML, by html-validate's recommended rules", async () => {
    // The course's other pages keep the raw HTML its authors wrote (self-closed `<img/>`, unquoted anchors), valid or not.
    const redirects = pages().filter((page) => redirectOf(site, page) !== undefined);
    expect(redirects.sort()).toEqual(["bibliography.html", "glossary.html"]);
    expect(await htmlProblemsOf(redirects.map((page) => ({ path: page, contents: site.text(page) })))).toEqual([]);
  });

  it("carries the address's fragment to the page a redirect leads to, from any folder and from file://", () => {
    expect(scriptTarget(site, "glossary.html", "file:///home/reader/course/glossary.html#closure")).toBe(
      "file:///home/reader/course/glossary/index.html#closure",
    );
    expect(scriptTarget(site, "bibliography.html", "https://example.org/systems/bibliography.html#Kerrisk2010")).toBe(
      "https://example.org/systems/bibliography/index.html#Kerrisk2010",
    );
    expect(scriptTarget(site, "glossary.html", "https://example.org/glossary.html")).toBe("https://example.org/glossary/index.html");
    expect(ids(site.page("glossary/index.html")).has("closure")).toBe(true);
    expect(ids(site.page("bibliography/index.html")).has("Kerrisk2010")).toBe(true);
  });

  it("keeps a page at its own address when pyproject.toml renames it onto another page's, and says so at the rename", async () => {
    const root = path.join(work, "colliding-rename");
    cpSync(course, root, { recursive: true });
    const pyproject = path.join(root, "pyproject.toml");
    const text = readFileSync(pyproject, "utf8").replace(
      '"CODE_OF_CONDUCT.md" = "code_of_conduct.md"',
      '"CODE_OF_CONDUCT.md" = "index.md"',
    );
    writeFileSync(pyproject, text);
    const built = await buildSite({ root, threads: 0 });
    const lines = built.messages.filter((message) => message.file === "pyproject.toml").map(formatMessageLine);
    const at = text.indexOf('"CODE_OF_CONDUCT.md"') - text.lastIndexOf("\n", text.indexOf('"CODE_OF_CONDUCT.md"'));
    expect(lines).toEqual([
      `pyproject.toml:${text.slice(0, text.indexOf('"CODE_OF_CONDUCT.md"')).split("\n").length}:${at} warning CODE_OF_CONDUCT.md cannot be published at index.html, which another page of the site has; it stays at CODE_OF_CONDUCT.html [older-config]`,
    ]);
    const rebuilt = siteOf(built.files);
    expect(toString(select("main h1", rebuilt.page("CODE_OF_CONDUCT.html"))!)).toBe("Code of Conduct");
    expect(internalTargets(rebuilt, "index.html").map(({ target }) => target)).toContain("CODE_OF_CONDUCT.html");
  });

  it("publishes links.md only when a page links it", async () => {
    const root = path.join(work, "unlinked-links");
    cpSync(course, root, { recursive: true });
    const contributing = path.join(root, "CONTRIBUTING.md");
    writeFileSync(contributing, readFileSync(contributing, "utf8").replace(/^Shared links .*$/m, ""));
    const built = await buildSite({ root, threads: 0 });
    expect(built.files.some((file) => file.path === "links.html")).toBe(false);
    expect(built.messages.filter((message) => message.file === "links.md").map(formatMessageLine)).toEqual([]);

    // Linked only from raw HTML, which the document stage links before the site is known.
    const lesson = path.join(root, "02_procs/index.md");
    writeFileSync(lesson, `${readFileSync(lesson, "utf8")}\nSee <a href="../links.md">the shared links</a>.\n`);
    const linked = siteOf((await buildSite({ root, threads: 0 })).files);
    expect(toString(select("main h1", linked.page("links.html"))!)).toBe("Links");
    const target = internalTargets(linked, "02_procs/index.html").find(({ attribute }) => attribute.includes("links"));
    expect(target?.target).toBe("links.html");
  });

  it("gives a warm build after the renames in pyproject.toml change the same bytes as a cold build", async () => {
    const root = path.join(work, "warm-renames");
    cpSync(course, root, { recursive: true });
    // Without images, the home and root pages use no other file, so the cache keeps them and can replay the whole site.
    for (const name of ["README.md", "CONTRIBUTING.md"]) {
      const file = path.join(root, name);
      writeFileSync(file, readFileSync(file, "utf8").replace(/^(!\[|<img ).*$/gm, ""));
    }
    const cacheDir = path.join(work, "warm-renames-cache");
    await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    const pyproject = path.join(root, "pyproject.toml");
    writeFileSync(pyproject, readFileSync(pyproject, "utf8").replace('"LICENSE.md" = "license.md"', '"LICENSE.md" = "licence.md"'));
    const warm = await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    const cold = await buildSite({ root, threads: 0 });
    expectSameBuild(warm, cold);
    const rebuilt = siteOf([...bytesOf(warm.files)].map(([file, content]) => ({ path: file, contents: content.toString("utf8") })));
    expect(rebuilt.paths.has("licence.html")).toBe(true);
    expect(rebuilt.paths.has("license.html")).toBe(false);
    expect(internalTargets(rebuilt, "02_procs/index.html").map(({ target }) => target)).toContain("licence.html");
  });
});

/** The course with its README replaced by `readme` (and each lesson changed by `edit`), built in memory. */
async function variant(name: string, readme: string, edit: (text: string) => string = (text) => text): Promise<BuiltSite> {
  const root = path.join(work, name);
  cpSync(course, root, { recursive: true });
  writeFileSync(path.join(root, "README.md"), readme);
  for (const lesson of result.layout.lessons) {
    const file = path.join(root, path.relative(course, lesson.file));
    writeFileSync(file, edit(readFileSync(file, "utf8")));
  }
  return siteOf((await buildSite({ root, threads: 0 })).files);
}

/** What a page shows above its title: "Lesson 2", "Appendix A". */
function numberOf(built: BuiltSite, page: string): string {
  return toString(select(".lesson-number", built.page(page))!);
}

describe("appendices, as the course's README lists them", () => {
  it("letters the lesson the README lists under its appendices, on its page, its slides and the exercises page", () => {
    const setup = site.page("04_setup/index.html");
    expect(numberOf(site, "04_setup/index.html")).toBe("Appendix A");
    expect(toString(select("main h1", setup)!)).toBe("Setting Up");
    expect(numberOf(site, "04_setup/slides.html")).toBe("Appendix A");
    expect(["01_files", "02_procs", "03_pitfalls"].map((slug) => numberOf(site, `${slug}/index.html`))).toEqual([
      "Lesson 1",
      "Lesson 2",
      "Lesson 3",
    ]);
    const exercises = site.page("exercises/index.html");
    expect(selectAll(".exercise-lesson > h2", exercises).map((heading) => toString(heading))).toEqual([
      "Lesson 1: Files and Directories",
      "Appendix A: Setting Up",
    ]);
    expect(targetOf("exercises/index.html", "Exercise A.1 in “Setting Up”")).toBe("04_setup/index.html#exercises");
  });

  it("numbers the appendix's figures and exercises by its letter, and titles a section headed Exercises once", () => {
    const setup = site.page("04_setup/index.html");
    expect(toString(select("figure#setup_layers figcaption", setup)!)).toBe("Figure A.1: What runs what");
    expect(toString(select("a.figure-reference", setup)!)).toBe("Figure A.1");
    expect(selectAll("section.exercise h2", setup).map((heading) => toString(heading))).toEqual(["Exercise A.1"]);
    expect(selectAll("section.slide.exercise h2", site.page("04_setup/slides.html")).map((heading) => toString(heading))).toEqual([
      "Exercise A.1",
    ]);
  });

  it("names the appendix as one in the previous and next links, after the last lesson", () => {
    const next = (selectAll("nav.lesson-nav a[rel=next]", site.page("03_pitfalls/index.html")) as Element[]).map((link) => toString(link));
    expect(next).toEqual(["Next: Appendix A Setting Up"]);
    expect(targetOf("03_pitfalls/index.html", "Appendix A: Setting Up →")).toBe("04_setup/index.html");
    expect(targetOf("04_setup/index.html", "Previous lesson Pitfalls of an Older Course")).toBe("03_pitfalls/index.html");
    expect(select("a[rel=next]", site.page("04_setup/index.html"))).toBeUndefined();
  });

  it("lists lessons and appendices apart on a home page that does not link them all", async () => {
    const partial = await variant(
      "home-with-appendices",
      "# Systems Programming\n\nStart with [files](01_files/index.md).\n\n## Appendices\n\n- [Setting up](04_setup/)\n",
    );
    const listed = (heading: string) => {
      const list = selectAll("main > h2, main > ol.lesson-list", partial.page("index.html"));
      // The generated lists follow the README's own text, which may have a heading of the same name.
      const at = list.findLastIndex((node) => toString(node) === heading);
      return selectAll("li", list[at + 1]!).map(
        (item) => `${toString(select(".lesson-card-number", item)!)}: ${toString(select("h3", item)!)}`,
      );
    };
    expect(listed("Lessons")).toEqual(["Lesson 1: Files and Directories", "Lesson 2: Processes", "Lesson 3: Pitfalls of an Older Course"]);
    expect(listed("Appendices")).toEqual(["Appendix A: Setting Up"]);
  });

  it("finds the appendices in the forms older README files list them, in the order they list them", async () => {
    const columns = [
      '<div class="row" markdown="1">',
      '<div class="col-6" markdown="1">\n\n## Chapters\n\n1.  [Files](./01_files/index.md)\n1.  [Processes](./02_procs/index.md)\n\n</div>',
      '<div class="col-6" markdown="1">\n\n## Appendices\n\n1.  [Setting up](./04_setup/index.md)\n1.  [Pitfalls](./03_pitfalls/)\n1.  [License](./LICENSE.md)\n\n</div>',
      "</div>",
    ].join("\n");
    const byId = '<div id="appendices" markdown="1">\n\n1.  [Pitfalls](./03_pitfalls/index.md)\n\n</div>';
    const heading = "## Appendix:\n\n[%x 03_pitfalls %] and [%x 04_setup %].\n\n## Thanks\n\nTo [the files lesson](01_files/index.md).";
    const forms = { columns, byId, heading };
    const numbers: Record<string, string[]> = {};
    for (const [name, text] of Object.entries(forms)) {
      const built = await variant(`appendices-${name}`, `# Systems Programming\n\n${text}\n`);
      numbers[name] = result.layout.lessons.map((lesson) => numberOf(built, `${lesson.slug}/index.html`));
    }
    expect(numbers).toEqual({
      columns: ["Lesson 1", "Lesson 2", "Appendix B", "Appendix A"],
      byId: ["Lesson 1", "Lesson 2", "Appendix A", "Lesson 3"],
      heading: ["Lesson 1", "Lesson 2", "Appendix A", "Appendix B"],
    });
  });

  it("makes no lesson an appendix for a mention of appendices elsewhere on the home page", async () => {
    const built = await variant(
      "no-appendices",
      "# Systems Programming\n\nThe appendices come later; see [setting up](04_setup/index.md).\n\n## Appendix notes\n\nSee [pitfalls](03_pitfalls/).\n",
    );
    expect(result.layout.lessons.map((lesson) => numberOf(built, `${lesson.slug}/index.html`))).toEqual([
      "Lesson 1",
      "Lesson 2",
      "Lesson 3",
      "Lesson 4",
    ]);
  });
});

describe("a course without exercises", () => {
  it("gives a warm build after its first exercise is added the same bytes as a cold build, menu entry and page included", async () => {
    const root = path.join(work, "first-exercise");
    cpSync(course, root, { recursive: true });
    const lessonFiles = result.layout.lessons.map((lesson) => path.join(root, path.relative(course, lesson.file)));
    for (const file of lessonFiles) writeFileSync(file, readFileSync(file, "utf8").replaceAll("{: .exercise}", ""));
    const cacheDir = path.join(work, "first-exercise-cache");
    const before = siteOf((await buildCached({ root, threads: 0 }, openBuildCache(cacheDir))).files);
    expect(before.paths.has("exercises/index.html")).toBe(false);
    const setup = path.join(root, "04_setup/index.md");
    writeFileSync(setup, readFileSync(setup, "utf8").replace("## Exercises", "## Exercises {: .exercise}"));
    const warm = await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    const cold = await buildSite({ root, threads: 0 });
    const bytes = (files: OutputFile[]) =>
      new Map(files.map((file) => [file.path, "source" in file ? readFileSync(file.source) : Buffer.from(file.contents)]));
    const [warmBytes, coldBytes] = [bytes(warm.files), bytes(cold.files)];
    expect([...warmBytes.keys()].sort()).toEqual([...coldBytes.keys()].sort());
    for (const [file, content] of coldBytes) expect(warmBytes.get(file)?.equals(content), file).toBe(true);
    const after = siteOf(cold.files);
    expect(selectAll("nav.site-menu a", after.page("01_files/index.html")).map((link) => toString(link))).toContain("Exercises");
    expect(toString(select("main h1", after.page("exercises/index.html"))!)).toBe("Exercises");
  });

  it("has no exercises page and no Exercises entry in any page's menu", async () => {
    const built = await variant("no-exercises", readFileSync(path.join(course, "README.md"), "utf8"), (text) =>
      text.replaceAll("{: .exercise}", ""),
    );
    expect(built.paths.has("exercises/index.html")).toBe(false);
    // The pages the build made: not the author's own HTML files, copied as they are.
    const htmlPages = [...built.paths].filter(
      (file) => file.endsWith(".html") && !file.startsWith("assets/") && !existsSync(path.join(course, file)),
    );
    for (const page of htmlPages) {
      const menu = selectAll("nav.site-menu a", built.page(page)).map((link) => toString(link));
      expect(menu, page).not.toContain("Exercises");
      expect(
        internalTargets(built, page).filter(({ target }) => target.startsWith("exercises/")),
        page,
      ).toEqual([]);
    }
    expect(selectAll("nav.site-menu a", site.page("index.html")).map((link) => toString(link))).toContain("Exercises");
  });
});

describe("the files an older course publishes as they are", () => {
  /** The site's copies of course files at the same path as in the course, by path, each once. */
  const copiesAtOwnPath = (files: OutputFile[], root = course) =>
    files.flatMap((file) => ("source" in file && file.source === path.join(root, file.path) ? [file.path] : []));

  it("keeps every file of the lesson folders and root folders at its address, once, linked or not, and nothing else", () => {
    const copies = copiesAtOwnPath(result.files);
    expect(copies.sort()).toEqual(publishedAddresses().sort());
    for (const address of publishedAddresses()) {
      expect(
        result.files.filter((file) => file.path === address),
        address,
      ).toHaveLength(1);
    }
  });

  it("publishes nothing of the older tool's docs/ folder, hidden files or folders, or the course's Markdown as files", () => {
    const leaked = result.files.filter(
      (file) => /(^|\/)(docs|\.drafts)\//.test(file.path) || /(^|\/)\.scratch/.test(file.path) || file.path.endsWith(".md"),
    );
    expect(leaked).toEqual([]);
  });

  it("checks the relative links of the author's HTML example like Markdown links: the one to nothing is one warning at its attribute", () => {
    const lines = result.messages.filter((message) => message.file === "03_pitfalls/example.html").map(formatMessageLine);
    expect(lines).toEqual([
      `03_pitfalls/example.html:${placeOf("03_pitfalls/example.html", 'src="./static/svg.js"')} warning link target "./static/svg.js" cannot be shown: 03_pitfalls/static/svg.js does not exist [link-target]`,
    ]);
  });

  it("warns about links in HTML files to a file the site does not publish or outside the project, and about no other kind of URL", async () => {
    const root = path.join(work, "html-links");
    cpSync(course, root, { recursive: true });
    const html = [
      '<p><a href="../docs/index.html">the old site</a> <a href="../01_files/">files</a> <a href="../02_procs/index.html#top">procs</a>',
      '<a href="/static/page.css">absolute</a> <a href="mailto:a@example.org">mail</a> <a href="?sort=name">sorted</a> <img src="data:image/gif;base64,R0lGOD">',
      "<a href=\"{{ url_for('static', filename='x.css') }}\">template</a> <a href=\"../../outside.txt\">outside</a></p>",
      "",
    ].join("\n");
    writeFileSync(path.join(root, "misc/links.html"), html);
    mkdirSync(path.join(root, "misc/app/templates"), { recursive: true });
    writeFileSync(path.join(root, "misc/app/templates/page.html"), '<link rel="stylesheet" href="static/app.css">\n');
    const built = await buildSite({ root, threads: 0 });
    const lines = built.messages.filter((message) => message.file?.startsWith("misc/")).map(formatMessageLine);
    expect(lines).toEqual([
      `misc/links.html:${placeIn(html, 'href="../docs')} warning link target "../docs/index.html" cannot be shown: docs/index.html is not part of the site [link-target]`,
      `misc/links.html:${placeIn(html, 'href="../../outside')} warning link target "../../outside.txt" cannot be shown: it leaves the project folder [link-target]`,
    ]);
  });

  it("gives a warm build the same files and diagnostics as a cold one after published files are added, removed and edited", async () => {
    const root = path.join(work, "warm-published");
    cpSync(course, root, { recursive: true });
    // Without what makes a document be read on every build (a missing file it links, a file a root page links), so
    // that an unchanged site is replayed from the cache and the published files alone tell the builds apart.
    writeFileSync(path.join(root, "01_files/server.py"), "print('serving')\n");
    for (const page of ["README.md", "CONTRIBUTING.md"]) {
      const file = path.join(root, page);
      writeFileSync(file, readFileSync(file, "utf8").replace(/^.*static\/logo\.svg.*$/m, ""));
    }
    for (const notes of ["01_files/notes.md", "misc/notes.md"]) writeFileSync(path.join(root, notes), "# Notes\n\nNothing but text.\n");
    const cacheDir = path.join(work, "warm-published-cache");
    const warmAndCold = async () => {
      const warm = await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
      expectSameBuild(warm, await buildSite({ root, threads: 0 }));
      return warm;
    };
    await warmAndCold();
    const timings = createTimings();
    await buildCached({ root, threads: 0, timings }, openBuildCache(cacheDir));
    // Replayed whole: the site stage did not run.
    expect(timings.entries().map(([stage]) => stage)).not.toContain("site stage");

    mkdirSync(path.join(root, "misc/deep"));
    writeFileSync(path.join(root, "misc/deep/more.txt"), "more\n");
    writeFileSync(path.join(root, "static/extra.js"), "// extra\n");
    const demo = path.join(root, "misc/demo.html");
    writeFileSync(demo, '<p><a href="syscall.csv">the table</a></p>\n');
    const added = await warmAndCold();
    expect(copiesAtOwnPath(added.files, root)).toEqual(expect.arrayContaining(["misc/deep/more.txt", "static/extra.js", "misc/demo.html"]));
    expect(added.messages.filter((message) => message.file === "misc/demo.html")).toHaveLength(1);

    unlinkSync(path.join(root, "static/svg.js"));
    const removed = await warmAndCold();
    expect(copiesAtOwnPath(removed.files, root)).not.toContain("static/svg.js");
    expect(removed.messages.filter((message) => message.file === "03_pitfalls/example.html")).toHaveLength(2);

    const example = path.join(root, "03_pitfalls/example.html");
    writeFileSync(example, readFileSync(example, "utf8").replace(/ *<script src="[^"]*"><\/script>\n/g, ""));
    writeFileSync(path.join(root, "static/page.css"), "body { color: black; }\n");
    const edited = await warmAndCold();
    expect(edited.messages.filter((message) => message.file === "03_pitfalls/example.html")).toEqual([]);

    // An HTML file no lesson links, edited alone.
    writeFileSync(demo, '<p><a href="syscalls.csv">the table</a></p>\n');
    const fixed = await warmAndCold();
    expect(fixed.messages.filter((message) => /\.html$/.test(message.file ?? ""))).toEqual([]);
  });
});

describe("the look an older course's author relied on", () => {
  it("reads each markdown=1 column of a home page row as Markdown, and sets its callout apart", () => {
    const home = site.page("index.html");
    const columns = selectAll(".row > .col-6", home).map((column) => toString(select("h2", column)!));
    expect(columns).toEqual(["Chapters", "Appendices"]);
    expect(selectAll(".chapters li a", home).map((link) => targetOf("index.html", toString(link)))).toEqual([
      "01_files/index.html",
      "02_procs/index.html",
      "03_pitfalls/index.html",
    ]);
    expect(selectAll("ol.appendices > li", home).map((item) => toString(item))).toEqual(["Setting up", "License", "Glossary"]);
    expect(select(":is(ol, ul) > :is(ol, ul)", home)).toBeUndefined();
    const callout = select("blockquote.callout", home);
    expect(callout && toString(callout).trim()).toMatch(/^Please note: the examples assume a Unix shell;\s+on Windows, use WSL\.$/);
  });
});

/** {@link siteOf} for a build with a cache, whose pages are copies of the cache's files. */
function cachedSiteOf(files: OutputFile[]): BuiltSite {
  return siteOf(
    files.map((file) =>
      "source" in file && file.path.endsWith(".html") ? { path: file.path, contents: readFileSync(file.source, "utf8") } : file,
    ),
  );
}

/** Where the `<link rel="icon">` of each page leads, as a site path, and the media type it gives. */
function iconsOf(built: BuiltSite, pages: string[]): { target: string | undefined; type: unknown }[] {
  return pages.map((page) => {
    const link = select("link[rel='icon']", built.page(page)) as Element;
    const target = internalTargets(built, page).find(({ attribute }) => attribute === link.properties.href)?.target;
    return { target, type: link.properties.type };
  });
}

describe("the course's own icon", () => {
  const pagesAtEachDepth = ["index.html", "license.html", "02_procs/index.html", "02_procs/slides.html", "glossary/index.html"];

  it("is what every page and deck links, at its address in static/, and it is in the site", () => {
    const icon = "static/favicon.svg";
    expect(iconsOf(site, pagesAtEachDepth)).toEqual(pagesAtEachDepth.map(() => ({ target: icon, type: "image/svg+xml" })));
    expect(sourceOf(result.files, icon)).toBe(path.join(course, icon));
  });

  it("is the generator's when the course has none, and replaces it with its type in a warm build once one is added", async () => {
    const root = path.join(work, "icon");
    cpSync(course, root, { recursive: true });
    unlinkSync(path.join(root, "static/favicon.svg"));
    const cacheDir = path.join(work, "icon-cache");
    const without = cachedSiteOf((await buildCached({ root, threads: 0 }, openBuildCache(cacheDir))).files);
    expect(iconsOf(without, pagesAtEachDepth)).toEqual(
      pagesAtEachDepth.map(() => ({ target: "assets/favicon.svg", type: "image/svg+xml" })),
    );

    writeFileSync(path.join(root, "static/favicon.png"), readFileSync(path.join(repoRoot, "test/sites/older-course/01_files/tree.svg")));
    const built = await buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    const withIcon = cachedSiteOf(built.files);
    expect(iconsOf(withIcon, pagesAtEachDepth)).toEqual(pagesAtEachDepth.map(() => ({ target: "static/favicon.png", type: "image/png" })));
    expect(sourceOf(built.files, "static/favicon.png")).toBe(path.join(root, "static/favicon.png"));
  });
});

describe("an older glossary", () => {
  const glossary = () => site.page("glossary/index.html");

  it("lists its terms by their letters, quotes, backticks and brackets aside, under the letter each starts with", () => {
    const terms = selectAll("dl.glossary dt", glossary()).map((term) => toString(term));
    expect(terms).toEqual(["async (keyword)", "asynchronous", "closure", '"fork"', "pid"]);
    const letters = selectAll("h2[id^='letter-']", glossary()).map((heading) => toString(heading));
    expect(letters).toEqual(["A", "C", "F", "P"]);
    expect(toString(select("#letter-F + dl dt", glossary())!)).toBe('"fork"');
  });

  it("keeps a term's inline code on the glossary page and in a lesson's terms, and gives its tooltip plain text", () => {
    expect(toString(select("dt#pid > code", glossary())!)).toBe("pid");
    expect(toString(select("dt#async-keyword > code", glossary())!)).toBe("async");
    const link = select("#terms a.glossary-term[href$='#pid']", site.page("02_procs/index.html")) as Element;
    expect(toString(select("code", link)!)).toBe("pid");
    expect(link.properties.dataDefinition).toBe("pid: The number the operating system gives each process.");
  });

  it("shows a FIXME definition as a paragraph, as it shows every other definition", () => {
    const definitions = selectAll("dl.glossary dd", glossary()) as Element[];
    const first = definitions.map((definition) => definition.children.find((child): child is Element => child.type === "element"));
    // The definition's own paragraph, not the "Used in" line after it.
    expect(first.map((element) => `${element?.tagName}.${String(element?.properties.className ?? "")}`)).toEqual(
      definitions.map(() => "p."),
    );
    expect(toString(select("dt#fork + dd > p", glossary())!)).toBe("FIXME");
  });
});

describe("a text file's view page, as the older tool published it", () => {
  const server = "03_pitfalls/server.py.html";
  const usedBy = (page: string) =>
    (selectAll(".file-links .used-by a", site.page(page)) as Element[]).map((link) => [toString(link), link.properties.href]);
  /** The lines of a file as its view page shows them: the text without its final line ending. */
  const linesOf = (text: string) => text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");

  it("shows every line of the file, highlighted and numbered, under the file's name and the site's header", () => {
    const page = site.page(server);
    const lines = linesOf(readFileSync(path.join(course, "03_pitfalls/server.py"), "utf8"));
    expect(toString(select("main h1", page)!)).toBe("03_pitfalls/server.py");
    expect(select("a.site-title", page)).toBeDefined();
    expect(select("button.theme-toggle", page)).toBeDefined();
    const code = select(".file-view pre.shiki", page) as Element;
    expect(code.properties.dataLanguage).toBe("python");
    expect(toString(code).split("\n")).toEqual(lines);
    const gutter = select(".file-view pre.line-numbers", page) as Element;
    expect(gutter.properties.ariaHidden).toBe("true");
    const numbers = (selectAll("span[id]", gutter) as Element[]).map((number) => [number.properties.id, toString(number)]);
    expect(numbers).toEqual(lines.map((_, at) => [`L${at + 1}`, String(at + 1)]));
  });

  it("links the file itself and, by title, each page that shows or links the file", () => {
    expect(targetOf(server, "server.py as a plain file")).toBe("03_pitfalls/server.py");
    expect(sourceOf(result.files, "03_pitfalls/server.py")).toBe(path.join(course, "03_pitfalls/server.py"));
    expect(usedBy(server)).toEqual([["Pitfalls of an Older Course", "index.html"]]);
    expect(usedBy("01_files/list.py.html")).toEqual([
      ["Files and Directories", "index.html"],
      ["Processes", "../02_procs/index.html"],
      ["Notes on Paths", "notes.html"],
    ]);
    expect(usedBy("static/logo.svg.html")).toEqual([
      ["Systems Programming", "../index.html"],
      ["Contributing", "../CONTRIBUTING.html"],
    ]);
  });

  it("leaves a data-file block's download link on the file itself", () => {
    expect(targetOf("03_pitfalls/index.html", "server.py")).toBe("03_pitfalls/server.py");
    expect(targetOf("01_files/index.html", "list.py")).toBe("01_files/list.py.html");
  });

  it("is given to no binary file and to no Markdown file", () => {
    expect(site.paths).toContain("01_files/icon.png");
    expect([...site.paths].filter((file) => /\.(png|md)\.html$/.test(file))).toEqual([]);
  });

  it("is left out of the search index, which has the lessons' code already", () => {
    expect(isSearchable(site.text(server))).toBe(false);
    expect(isSearchable(site.text("03_pitfalls/index.html"))).toBe(true);
  });

  it("links back to the glossary when a glossary entry links the file", async () => {
    const root = path.join(work, "glossary-link");
    cpSync(course, root, { recursive: true });
    const entry = '\n<span id="client">client</span>\n:   A program that asks a server, as [client.py](03_pitfalls/client.py) does.\n';
    writeFileSync(path.join(root, "glossary.md"), readFileSync(path.join(root, "glossary.md"), "utf8") + entry);
    const rebuilt = siteOf((await buildSite({ root, threads: 0 })).files);
    const link = (selectAll("a[href]", rebuilt.page("glossary/index.html")) as Element[]).find((a) => toString(a) === "client.py");
    expect(link?.properties.href).toBe("../03_pitfalls/client.py.html");
    const backLinks = (selectAll(".used-by a", rebuilt.page("03_pitfalls/client.py.html")) as Element[]).map((a) => [
      toString(a),
      a.properties.href,
    ]);
    expect(backLinks).toEqual([
      ["Pitfalls of an Older Course", "index.html"],
      ["Glossary", "../glossary/index.html"],
    ]);
  });

  it("works for a file whose name holds a space, from the link to the view page and back to the file", async () => {
    const root = path.join(work, "spaced-name");
    cpSync(course, root, { recursive: true });
    writeFileSync(path.join(root, "02_procs/run all.sh"), "./run.sh --all\n");
    const lesson = path.join(root, "02_procs/index.md");
    writeFileSync(lesson, `${readFileSync(lesson, "utf8")}\nOr [run everything](<run all.sh>).\n`);
    const built = await buildSite({ root, threads: 0 });
    const rebuilt = siteOf(built.files);
    const target = (page: string, text: string) => {
      const link = (selectAll("a[href]", rebuilt.page(page)) as Element[]).find((a) => toString(a) === text);
      expect(String(link?.properties.href), `${text} on ${page}`).toMatch(/^[^ ]+%20[^ ]+$/);
      return internalTargets(rebuilt, page).find((found) => found.attribute === link?.properties.href)?.target;
    };
    expect(target("02_procs/index.html", "run everything")).toBe("02_procs/run all.sh.html");
    expect(target("02_procs/run all.sh.html", "run all.sh as a plain file")).toBe("02_procs/run all.sh");
    expect(sourceOf(built.files, "02_procs/run all.sh")).toBe(path.join(root, "02_procs/run all.sh"));
  });

  it("gives way to a file of the course at its address, and links then lead to the file", async () => {
    const root = path.join(work, "own-view");
    cpSync(course, root, { recursive: true });
    writeFileSync(path.join(root, "02_procs/run.sh.html"), "<!doctype html><title>run.sh</title>\n");
    const built = await buildSite({ root, threads: 0 });
    const rebuilt = siteOf(built.files);
    const link = (selectAll("a[href]", rebuilt.page("02_procs/index.html")) as Element[]).find((a) => toString(a) === "run.sh");
    expect(link?.properties.href).toBe("run.sh");
    // The course's own file is published there, as it is, and no view page takes its place.
    expect(built.files.filter((file) => file.path === "02_procs/run.sh.html")).toEqual([
      { path: "02_procs/run.sh.html", source: path.join(root, "02_procs/run.sh.html") },
    ]);
  });

  it("gives a warm build after example files and a lesson title are edited the same bytes as a cold build", async () => {
    const root = path.join(work, "warm-views");
    cpSync(course, root, { recursive: true });
    const cacheDir = path.join(work, "warm-views-cache");
    const bytes = (files: OutputFile[]) =>
      new Map(files.map((file) => [file.path, "source" in file ? readFileSync(file.source) : Buffer.from(file.contents)]));
    const warmEqualsCold = async () => {
      const warm = bytes((await buildCached({ root, threads: 0 }, openBuildCache(cacheDir))).files);
      const cold = await buildSite({ root, threads: 0 });
      const coldBytes = bytes(cold.files);
      expect([...warm.keys()].sort()).toEqual([...coldBytes.keys()].sort());
      for (const [file, content] of coldBytes) expect(warm.get(file)?.equals(content), file).toBe(true);
      return siteOf(cold.files);
    };
    await warmEqualsCold();
    const append = (file: string, text: string) => writeFileSync(path.join(root, file), readFileSync(path.join(root, file), "utf8") + text);
    append("03_pitfalls/schema.sql", "-- the jobs table\n");
    append("migrations/001_schema.sql", "-- first of many\n");
    append("01_files/list.py", "# listed\n");
    const edited = await warmEqualsCold();
    expect(linesOf(toString(select(".file-view pre.shiki", edited.page("03_pitfalls/schema.sql.html"))!)).at(-1)).toBe("-- the jobs table");
    const procs = path.join(root, "02_procs/index.md");
    writeFileSync(procs, readFileSync(procs, "utf8").replace(/^# .*$/m, "# Processes and Signals"));
    const renamed = await warmEqualsCold();
    expect((selectAll(".used-by a", renamed.page("01_files/list.py.html")) as Element[]).map((link) => toString(link))).toEqual([
      "Files and Directories",
      "Processes and Signals",
      "Notes on Paths",
    ]);
  });
});

describe("lessons build --keep-going", () => {
  const run = (args: string[]) => runLessons(["build", "--no-cache", ...args], work);

  it("writes every page of a course with two errors, marks both and still exits 1; without it, nothing is written", async () => {
    const root = path.join(work, "two-errors");
    const out = path.join(work, "two-errors-site");
    cpSync(course, root, { recursive: true });
    writeFileSync(
      path.join(root, "01_files/index.md"),
      `${readFileSync(path.join(root, "01_files/index.md"), "utf8")}\n[% figur slug=x %]\n`,
    );
    writeFileSync(
      path.join(root, "02_procs/index.md"),
      `${readFileSync(path.join(root, "02_procs/index.md"), "utf8")}\nA [shell](g:shell) starts it.\n`,
    );

    const failed = await run(["--root", root, "--out", out]);
    expect(failed.status).toBe(1);
    expect(existsSync(out)).toBe(false);

    const kept = await run(["--root", root, "--out", out, "--keep-going"]);
    expect(kept.status).toBe(1);
    const errors = kept.stderr.split("\n").filter((line) => / error .*\[[\w-]+\]$/.test(line));
    expect(errors.map((line) => /\[([\w-]+)\]$/.exec(line)?.[1])).toEqual(["shortcode-unknown", "glossary-key"]);
    const written = siteOf(
      result.files.flatMap((file) =>
        file.path.endsWith(".html") ? [{ path: file.path, contents: readFileSync(path.join(out, file.path), "utf8") }] : [],
      ),
    );
    expect(toString(select(".build-error", written.page("01_files/index.html"))!)).toContain('unknown shortcode "figur"');
    expect(toString(select(".unresolved-reference", written.page("02_procs/index.html"))!)).toBe("shell");
    expect(select(".build-error", written.page("02_procs/index.html"))).toBeUndefined();
  });
});
