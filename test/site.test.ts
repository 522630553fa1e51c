import type { Element } from "hast";
import { toString } from "hast-util-to-string";
import { select, selectAll } from "hast-util-select";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";
import { internalTargets, writtenSite } from "./helpers/site-pages.js";

/** The site test/setup/own-site.ts built and wrote. */
const built = inject("ownSite");
const site = writtenSite(built.folder);
const lesson = "virt/index.html";
const pages = ["index.html", lesson, "glossary/index.html", "bibliography/index.html", "exercises/index.html"];

describe("the project's own site", () => {
  it("builds with no error diagnostics", () => {
    expect(built.errors).toEqual([]);
  });

  it("has a home page, the virt lesson, glossary, bibliography and exercises pages", () => {
    for (const page of pages) expect(site.paths).toContain(page);
  });

  it("describes every page for search engines and link previews, in one line of at most 200 characters", () => {
    const descriptions = pages.map((page) => {
      const meta = select('meta[name="description"]', site.page(page)) as Element | undefined;
      return String(meta?.properties.content ?? "");
    });
    for (const [at, description] of descriptions.entries()) {
      expect(description, pages[at]).toMatch(/^\S.{19,198}\S$/);
      expect(description, pages[at]).not.toMatch(/\n/);
    }
    expect(descriptions[0]).toBe("Practical lessons on the tools that make research software reproducible");
    expect(descriptions[1]).toMatch(
      /^Lesson 1 of Software Tools for Research Programmers, Virtualization: Virtual Environments, Package Installation, /,
    );
  });

  it("has a 404 page at its root in the site's look, with the search box, the menu and a link home", () => {
    const notFound = site.page("404.html");
    expect(toString(select("h1", notFound) as Element)).toBe("Page not found");
    expect(select("search.site-search input[type=search]", notFound)).toBeDefined();
    expect(select('link[rel="stylesheet"][href="assets/site.css"]', notFound)).toBeDefined();
    const links = internalTargets(site, "404.html").map((link) => link.target);
    for (const page of pages.filter((page) => page !== lesson)) expect(links, page).toContain(page);
    expect(select("base", notFound)).toBeUndefined();
  });

  it("links every page from every other page", () => {
    for (const from of pages) {
      const targets = new Set(internalTargets(site, from).map((link) => link.target));
      for (const to of pages) if (to !== from) expect(targets, `${from} → ${to}`).toContain(to);
    }
  });

  it("has no broken internal link, image or anchor on any page", () => {
    const htmlPages = [...site.paths].filter((file) => file.endsWith(".html"));
    const broken = htmlPages.flatMap((page) =>
      internalTargets(site, page).filter(({ target, fragment }) => {
        if (!site.paths.has(target)) return true;
        if (!fragment || !target.endsWith(".html")) return false;
        const id = target.endsWith("slides.html") ? fragment.replace(/^\//, "") : fragment;
        return id !== "" && select(`[id="${id}"]`, site.page(target)) === undefined;
      }),
    );
    expect(broken).toEqual([]);
  });

  it("gives every page and slide deck a link preview: title, description, kind and card, but no address without a url", () => {
    const meta = (page: string, key: string) =>
      selectAll(`meta[property="${key}"], meta[name="${key}"]`, site.page(page)).map((node) => String(node.properties.content));
    expect(meta(lesson, "og:title")).toEqual(["Virtualization"]);
    expect(meta(lesson, "og:type")).toEqual(["article"]);
    expect(meta(lesson, "og:description")).toEqual(meta(lesson, "description"));
    expect(meta("index.html", "og:title")).toEqual(["Software Tools for Research Programmers"]);
    expect(meta("index.html", "og:type")).toEqual(["website"]);
    expect(meta("virt/slides.html", "og:title")).toEqual(["Slides: Virtualization"]);
    for (const page of [...pages, "virt/slides.html"]) {
      expect(meta(page, "og:site_name"), page).toEqual(["Software Tools for Research Programmers"]);
      expect(meta(page, "twitter:card"), page).toEqual(["summary"]);
      expect([...meta(page, "og:url"), ...meta(page, "og:image")], page).toEqual([]);
      expect(select("html", site.page(page))?.properties.lang, page).toBe("en");
    }
  });

  it("gives every page and slide deck an icon of its own, so no browser asks for one outside the site", () => {
    const htmlPages = [...site.paths].filter((file) => file.endsWith(".html"));
    const withoutIcon = htmlPages.filter((page) => {
      const icon = select('link[rel~="icon"]', site.page(page)) as Element | undefined;
      const target = icon && internalTargets(site, page).find((link) => link.attribute === icon.properties.href)?.target;
      return !target || !site.paths.has(target);
    });
    expect(htmlPages.length).toBeGreaterThan(5);
    expect(withoutIcon).toEqual([]);
  });

  it("shows 32 sections with 7 asides and 2 exercises marked as such", () => {
    const sections = selectAll("article.lesson > section.section", site.page(lesson));
    expect(sections).toHaveLength(32);
    expect(selectAll("section.aside", site.page(lesson))).toHaveLength(7);
    const exercises = selectAll("section.exercise", site.page(lesson));
    expect(exercises.map((section) => toString(select("h2", section)!))).toEqual(["Exercise 1.1", "Exercise 1.2: Exericse"]);
  });

  it("shows 52 highlighted data-file blocks captioned with their names and downloadable", () => {
    const blocks = selectAll("figure.data-file", site.page(lesson));
    expect(blocks).toHaveLength(52);
    for (const block of blocks) {
      const link = select("figcaption a[download]", block) as Element;
      const name = toString(link);
      const href = String(link.properties.href);
      expect(href).toBe(`files/${name}`);
      expect(site.paths).toContain(`virt/${href}`);
      expect(readFileSync(path.join(built.folder, "virt", href), "utf8")).toBe(
        readFileSync(path.join(repoRoot, "data-files/virt", name), "utf8"),
      );
      expect(select("pre code", block)).toBeDefined();
    }
    const python = blocks.find((block) => toString(select("figcaption", block)!).startsWith("faker_bin.py"))!;
    expect(selectAll("pre code span[style]", python).length).toBeGreaterThan(10);
  });

  it("points every glossary link at an entry that exists on the glossary page", () => {
    const links = selectAll("a.glossary-term", site.page(lesson)) as Element[];
    expect(links.length).toBeGreaterThanOrEqual(10);
    for (const link of links) {
      const [file, key] = String(link.properties.href).split("#");
      expect(file).toBe("../glossary/index.html");
      expect(select(`dt[id="${key}"]`, site.page("glossary/index.html"))).toBeDefined();
    }
  });

  it("shows the definition of a glossary term on hover without leaving the page", () => {
    const link = select('section a.glossary-term[href$="#virtual_env"]', site.page(lesson)) as Element;
    expect(String(link.properties.dataDefinition)).toMatch(/^virtual environment: /);
  });

  it("links [Stoneman2020] to its bibliography entry", () => {
    const citation = select("a.citation", site.page(lesson)) as Element;
    expect(toString(citation)).toBe("Stoneman2020");
    expect(citation.properties.href).toBe("../bibliography/index.html#Stoneman2020");
    expect(toString(select("dd:has(em)", site.page("bibliography/index.html"))!)).toContain("Docker in a Month of Lunches");
  });

  it("numbers the figure Figure 1.1 with its image, alt text and caption, and the reference reads the same", () => {
    const figure = select("figure#virt_docker_layers", site.page(lesson))!;
    const image = select("img", figure) as Element;
    expect(image.properties.src).toBe("docker_layers.svg");
    expect(site.paths).toContain("virt/docker_layers.svg");
    expect(image.properties.alt).toBe("How layers and copy-on-write work in Docker");
    expect(toString(select("figcaption", figure)!)).toBe("Figure 1.1: Docker layers and copy-on-write");
    const reference = select("a.figure-reference", site.page(lesson)) as Element;
    expect(toString(reference)).toBe("Figure 1.1");
    expect(reference.properties.href).toBe("#virt_docker_layers");
  });

  it("lists the terms the lesson defines and links back from the glossary", () => {
    const terms = select("#terms", site.page(lesson))!;
    expect(toString(terms)).toContain("Terms defined:");
    expect(selectAll("a", terms)).toHaveLength(10);
    const entry = select('dt[id="docker_image"] + dd', site.page("glossary/index.html"))!;
    expect(toString(select(".used-by", entry)!)).toBe("Used in: Virtualization");
  });

  it("lists both exercises on the exercises page with links back", () => {
    const page = site.page("exercises/index.html");
    const back = selectAll(".back-link a", page) as Element[];
    expect(back.map((link) => [toString(link), link.properties.href])).toEqual([
      ["Exercise 1.1 in “Virtualization”", "../virt/index.html#exercises"],
      ["Exercise 1.2 in “Virtualization”", "../virt/index.html#exericse"],
    ]);
  });

  it("leaves no lesson syntax as literal text on any page of the site", () => {
    const htmlPages = [...site.paths].filter((file) => file.endsWith(".html"));
    expect(htmlPages.length).toBeGreaterThan(5);
    for (const page of htmlPages) {
      for (const literal of ["[%", "](g:", "](b:", "{: .", "{data-file"])
        expect(site.text(page), `${page}: ${literal}`).not.toContain(literal);
    }
  });

  it("gives previous/next links and a link to the slides on the lesson page", () => {
    expect((select("a.slides-link", site.page(lesson)) as Element).properties.href).toBe("slides.html");
  });
});
