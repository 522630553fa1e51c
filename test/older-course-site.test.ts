import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runInNewContext } from "node:vm";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBuildCache } from "../src/build/cache.js";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { buildSite, type BuildResult } from "../src/pipeline.js";
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

const pages = () => [...site.paths].filter((file) => file.endsWith(".html") && !file.startsWith("assets/"));

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
  const text = readFileSync(path.join(course, file), "utf8");
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Each output file's bytes, by path. */
function bytesOf(files: OutputFile[]): Map<string, Buffer> {
  return new Map(files.map((file) => [file.path, "source" in file ? readFileSync(file.source) : Buffer.from(file.contents)]));
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
    expect(sourceOf(result.files, targetOf("01_files/notes.html", "list.py"))).toBe(path.join(course, "01_files/list.py"));
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
      ["01_files/index.html", "list.py", "01_files/list.py"],
      ["01_files/index.html", "the first migration", "migrations/001_schema.sql"],
      ["01_files/index.html", "A small directory tree", "01_files/tree.svg"],
      ["02_procs/index.html", "One process becoming two", "02_procs/fork.svg"],
      ["02_procs/index.html", "run.sh", "02_procs/run.sh"],
      ["02_procs/index.html", "listing script", "01_files/list.py"],
      ["index.html", "The course logo", "static/logo.svg"],
      ["CONTRIBUTING.html", "The course logo, again", "static/logo.svg"],
      ["exercises/index.html", "The tree again", "01_files/tree.svg"],
      ["exercises/index.html", "list.py", "01_files/list.py"],
    ];
    for (const [page = "", text = "", source = ""] of linked) {
      const target = targetOf(page, text);
      expect(sourceOf(result.files, target), `${text} on ${page}`).toBe(path.join(course, source));
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
      const built = await buildSite({ root, threads: 0, cache: cache() });
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
    await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) });
    writeFileSync(path.join(root, "LICENSE.md"), "# Licence\n\nSee [the changes](CHANGES.md).\n");
    writeFileSync(path.join(root, "CHANGES.md"), "# Changes\n\nA [lesson on processes](02_procs/) was added.\n");
    const warm = await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) });
    const cold = await buildSite({ root, threads: 0 });
    const [warmBytes, coldBytes] = [bytesOf(warm.files), bytesOf(cold.files)];
    expect([...warmBytes.keys()].sort()).toEqual([...coldBytes.keys()].sort());
    for (const [file, content] of coldBytes) expect(warmBytes.get(file)?.equals(content), file).toBe(true);
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
    // Only pages can be redirects; the list may name any file the older tool published.
    for (const address of listed.filter((page) => page.endsWith(".html"))) {
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
    await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) });
    const pyproject = path.join(root, "pyproject.toml");
    writeFileSync(pyproject, readFileSync(pyproject, "utf8").replace('"LICENSE.md" = "license.md"', '"LICENSE.md" = "licence.md"'));
    const warm = await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) });
    const cold = await buildSite({ root, threads: 0 });
    const [warmBytes, coldBytes] = [bytesOf(warm.files), bytesOf(cold.files)];
    expect([...warmBytes.keys()].sort()).toEqual([...coldBytes.keys()].sort());
    for (const [file, content] of coldBytes) expect(warmBytes.get(file)?.equals(content), file).toBe(true);
    const rebuilt = siteOf([...warmBytes].map(([file, content]) => ({ path: file, contents: content.toString("utf8") })));
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
    const before = siteOf((await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) })).files);
    expect(before.paths.has("exercises/index.html")).toBe(false);
    const setup = path.join(root, "04_setup/index.md");
    writeFileSync(setup, readFileSync(setup, "utf8").replace("## Exercises", "## Exercises {: .exercise}"));
    const warm = await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) });
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
    const htmlPages = [...built.paths].filter((file) => file.endsWith(".html") && !file.startsWith("assets/"));
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
