import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBuildCache } from "../src/build/cache.js";
import { isSearchable } from "../src/build/page-cache.js";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { buildSite, type BuildResult } from "../src/pipeline.js";
import type { OutputFile } from "../src/render/output.js";
import { repoRoot } from "./helpers/fixture-project.js";
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

  it("gives each root Markdown page a page of its own in the site layout, and links to it land there", () => {
    for (const [name, title] of [
      ["LICENSE", "License"],
      ["CONTRIBUTING", "Contributing"],
      ["CODE_OF_CONDUCT", "Code of Conduct"],
    ]) {
      const page = site.page(`${name}.html`);
      expect(toString(select("main h1", page)!)).toBe(title);
      expect(select("a.site-title", page)).toBeDefined();
    }
    expect(targetOf("01_files/index.html", "license")).toBe("LICENSE.html");
    expect(targetOf("02_procs/index.html", "CONTRIBUTING.md")).toBe("CONTRIBUTING.html");
    expect(targetOf("index.html", "code of conduct")).toBe("CODE_OF_CONDUCT.html");
    expect(targetOf("LICENSE.html", "home page")).toBe("index.html");
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
    const bytes = (files: OutputFile[]) =>
      new Map(files.map((file) => [file.path, "source" in file ? readFileSync(file.source) : Buffer.from(file.contents)]));
    const [warmBytes, coldBytes] = [bytes(warm.files), bytes(cold.files)];
    expect([...warmBytes.keys()].sort()).toEqual([...coldBytes.keys()].sort());
    for (const [file, content] of coldBytes) expect(warmBytes.get(file)?.equals(content), file).toBe(true);
    const rebuilt = siteOf(cold.files);
    expect(toString(select("main h1", rebuilt.page("LICENSE.html"))!)).toBe("Licence");
    expect(toString(select("main h1", rebuilt.page("CHANGES.html"))!)).toBe("Changes");
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
    expect(built.files.filter((file) => file.path === "02_procs/run.sh.html")).toEqual([]);
  });

  it("gives a warm build after example files and a lesson title are edited the same bytes as a cold build", async () => {
    const root = path.join(work, "warm-views");
    cpSync(course, root, { recursive: true });
    const cacheDir = path.join(work, "warm-views-cache");
    const bytes = (files: OutputFile[]) =>
      new Map(files.map((file) => [file.path, "source" in file ? readFileSync(file.source) : Buffer.from(file.contents)]));
    const warmEqualsCold = async () => {
      const warm = bytes((await buildSite({ root, threads: 0, cache: openBuildCache(cacheDir) })).files);
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
