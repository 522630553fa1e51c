import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Element, Root } from "hast";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { afterEach, describe, expect, it } from "vitest";
import { openBuildCache } from "../src/cache/store.js";
import { formatMessageLine } from "../src/diagnostics/format-text.js";
import { buildCached } from "../src/cache/build-cached.js";
import { buildSite } from "../src/pipeline/build-site.js";
import { siteOf } from "./helpers/site-pages.js";

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A course folder holding `files` (path → text). */
function course(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "lessons-config-site-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const lessons = {
  "content/index.md": "---\ntitle: The Home Page's Title\n---\n# Home\n\nWelcome.\n",
  "content/intro/index.md": "# Introduction\n\n## Start\n\nText.\n",
};

const configured = [
  "title: Containers from Scratch",
  "lang: fr",
  "repository: { url: https://github.com/example/containers, branch: trunk }",
  "logo: content/logo.svg",
  "favicon: styles/icon.png",
  "footer: Licensed [CC-BY](LICENSE.html). © 2025 the authors.",
  "css: [styles/course.css]",
  "",
].join("\n");

const attribute = (page: Root | Element, selector: string, name: string) =>
  selectAll(selector, page).map((node) => String(node.properties[name]));

describe("a course's lessons.yml", () => {
  it("names the course, sets the pages' language, and adds its logo, icon, footer and stylesheets to every page and deck", async () => {
    const root = course({
      ...lessons,
      "lessons.yml": configured,
      "content/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
      "styles/icon.png": "png",
      "styles/course.css": ".lesson { color: teal; }\n",
    });
    const result = await buildSite({ root, threads: 0 });
    expect(result.messages.map(formatMessageLine)).toEqual([]);
    const site = siteOf(result.files);
    for (const file of ["logo.svg", "styles/icon.png", "styles/course.css"]) expect(site.paths).toContain(file);
    const home = site.page("index.html");
    expect(toString(select("title", home) as Element)).toBe("Containers from Scratch");
    expect(toString(select("h1", home) as Element)).toBe("Containers from Scratch");
    for (const page of ["index.html", "intro/index.html", "intro/slides.html", "glossary/index.html"]) {
      const tree = site.page(page);
      const prefix = page.includes("/") ? "../" : "";
      expect(attribute(tree, "html", "lang"), page).toEqual(["fr"]);
      expect(attribute(tree, 'link[rel="stylesheet"]:not([media])', "href").at(-1), page).toBe(`${prefix}styles/course.css`);
      expect(attribute(tree, 'link[rel="icon"]', "href"), page).toEqual([`${prefix}styles/icon.png`]);
    }
    const lesson = site.page("intro/index.html");
    expect(attribute(lesson, ".site-title img", "src")).toEqual(["../logo.svg"]);
    const footer = select(".site-footer .course-footer", lesson) as Element;
    expect(toString(footer)).toBe("Licensed CC-BY. © 2025 the authors.");
    expect(attribute(footer, "a", "href")).toEqual(["../LICENSE.html"]);
    const edit = selectAll("a", lesson).find((link) => toString(link) === "Edit this page");
    expect(edit?.properties.href).toBe("https://github.com/example/containers/edit/trunk/content/intro/index.md");
  });

  it("leaves a course without one as it was: the home page's title, English, the generator's icon, no logo, footer note or edit link", async () => {
    const result = await buildSite({ root: course(lessons), threads: 0 });
    const site = siteOf(result.files);
    const lesson = site.page("intro/index.html");
    expect(toString(select("title", site.page("index.html")) as Element)).toBe("The Home Page's Title");
    expect(attribute(lesson, "html", "lang")).toEqual(["en"]);
    expect(attribute(lesson, 'link[rel="icon"]', "href")).toEqual(["../assets/favicon.svg"]);
    expect(select(".site-logo, .course-footer, .edit-link", lesson)).toBeUndefined();
    expect(site.paths).not.toContain("sitemap.xml");
    for (const page of ["index.html", "intro/index.html", "intro/slides.html", "404.html"]) {
      expect(select('link[rel="canonical"], base', site.page(page)), page).toBeUndefined();
    }
  });

  it("with a url, lists every page but redirects and the 404 page in sitemap.xml, and gives each its canonical address", async () => {
    const root = course({
      "README.md": "# Older Course\n\nSee the [glossary](glossary.md).\n",
      "glossary.md": '# Glossary\n\n<span id="shell">shell</span>\n:   A program that runs commands.\n',
      "pyproject.toml": '[tool.lessons]\nurl = "https://example.org/older"\nlogo = "static/logo.png"\n',
      "static/logo.png": "png",
      "01_intro/index.md": "# Introduction\n\nRun [the server](./server.py) in a [shell](g:shell).\n",
      "01_intro/server.py": "print('hello')\n",
    });
    const result = await buildSite({ root, threads: 0 });
    expect(result.messages.map(formatMessageLine)).toEqual([]);
    const site = siteOf(result.files);
    const pages = [...site.paths].filter((file) => file.endsWith(".html")).sort();
    const redirects = pages.filter((page) => site.text(page).includes('http-equiv="refresh"'));
    expect(redirects).toContain("glossary.html");
    const listed = pages.filter((page) => page !== "404.html" && !redirects.includes(page));
    expect(listed).toEqual(
      expect.arrayContaining([
        "index.html",
        "01_intro/index.html",
        "01_intro/slides.html",
        "01_intro/server.py.html",
        "glossary/index.html",
      ]),
    );
    const published = (page: string) => `https://example.org/older/${page.replace(/(^|\/)index\.html$/, "$1")}`;
    const sitemap = site.text("sitemap.xml");
    expect(sitemap).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\n/,
    );
    expect([...sitemap.matchAll(/<loc>(.*?)<\/loc>/g)].map((match) => match[1]).sort()).toEqual(listed.map(published).sort());
    for (const page of listed) expect(attribute(site.page(page), 'link[rel="canonical"]', "href"), page).toEqual([published(page)]);
    const meta = (page: string, property: string) => attribute(site.page(page), `meta[property="${property}"]`, "content");
    expect(meta("01_intro/index.html", "og:url")).toEqual(["https://example.org/older/01_intro/"]);
    expect(meta("01_intro/index.html", "og:type")).toEqual(["article"]);
    expect(meta("index.html", "og:type")).toEqual(["website"]);
    for (const page of listed) expect(meta(page, "og:image"), page).toEqual(["https://example.org/older/static/logo.png"]);
    const notFound = site.page("404.html");
    expect(attribute(notFound, "base", "href")).toEqual(["https://example.org/older/"]);
    expect(select('link[rel="canonical"]', notFound)).toBeUndefined();
  });

  it("links each file's view page in an older course to the file in the repository its [tool.lessons] names", async () => {
    const root = course({
      "README.md": "# Older Course\n",
      "pyproject.toml": '[tool.lessons]\nrepository = { url = "https://gitlab.com/example/older", path = "course" }\n',
      "01_intro/index.md": "# Introduction\n\nRun [the server](./server.py).\n",
      "01_intro/server.py": "print('hello')\n",
    });
    const result = await buildSite({ root, threads: 0 });
    expect(result.messages.map(formatMessageLine)).toEqual([]);
    const view = siteOf(result.files).page("01_intro/server.py.html");
    const source = selectAll("a", view).find((link) => toString(link) === "View source");
    expect(source?.properties.href).toBe("https://gitlab.com/example/older/-/blob/main/course/01_intro/server.py");
  });

  it("gives a cached build after lessons.yml is edited the new settings, and its problems", async () => {
    const root = course({ ...lessons, "lessons.yml": "title: First Title\n" });
    const cacheDir = path.join(root, ".lessons-cache");
    const build = () => buildCached({ root, threads: 0 }, openBuildCache(cacheDir));
    // A cached build's pages are copies of the cache's blobs.
    const titleOf = (files: Awaited<ReturnType<typeof build>>["files"]) => {
      const page = files.find((file) => file.path === "intro/index.html");
      const html = page && ("source" in page ? readFileSync(page.source, "utf8") : String(page.contents));
      return /<title>(.*)<\/title>/.exec(html ?? "")?.[1];
    };
    expect(titleOf((await build()).files)).toBe("Introduction · First Title");
    writeFileSync(path.join(root, "lessons.yml"), "title: Second Title\nlang: de\nlogo: missing.svg\n");
    const edited = await build();
    expect(titleOf(edited.files)).toBe("Introduction · Second Title");
    expect(edited.messages.map(formatMessageLine)).toEqual([
      'lessons.yml:3:7 error `logo` names "missing.svg", which is not a file of the project [config-file]',
    ]);
    writeFileSync(path.join(root, "missing.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const fixed = await build();
    expect(fixed.messages).toEqual([]);
    expect(fixed.files.map((file) => file.path)).toContain("missing.svg");
  });
});
