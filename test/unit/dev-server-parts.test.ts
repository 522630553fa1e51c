import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import type { ProjectLayout } from "../../src/project/layout.js";
import { isAllowedHost } from "../../src/serve/allowed-host.js";
import { withDevClient } from "../../src/serve/client.js";
import { contentType } from "../../src/serve/content-types.js";
import { RebuildQueue } from "../../src/serve/rebuild-queue.js";
import { indexPath, requestPath } from "../../src/serve/request-path.js";
import { changedPaths, snapshotOf } from "../../src/serve/snapshot.js";
import { isProjectInput } from "../../src/serve/watch.js";

describe("requestPath", () => {
  test("maps origin-form URLs to output paths, ignoring the query and fragment", () => {
    expect(requestPath("/")).toBe("");
    expect(requestPath("/virt/?x=1#top")).toBe("virt/");
    expect(requestPath("/virt/files/a%20b.py")).toBe("virt/files/a b.py");
    expect(indexPath("virt/")).toBe("virt/index.html");
    expect(indexPath("")).toBe("index.html");
  });

  test.each([
    "/../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/virt/%2E%2E/%2e%2e/etc/passwd",
    "/virt/./index.html",
    "/..\\etc\\passwd",
    "/%5cetc%5cpasswd",
    "/index.html%00",
    "//etc/passwd",
    "/C:/Windows/win.ini",
    "/%E0%A4%A",
    "http://example.com/",
    "*",
  ])("refuses %s", (url) => {
    expect(requestPath(url)).toBeUndefined();
  });
});

describe("contentType", () => {
  test("names pages, styles, scripts and images, and shows data files as UTF-8 text", () => {
    expect(contentType("virt/index.html")).toBe("text/html; charset=utf-8");
    expect(contentType("assets/site.css")).toBe("text/css; charset=utf-8");
    expect(contentType("assets/site.js")).toBe("text/javascript; charset=utf-8");
    expect(contentType("virt/layers.SVG")).toBe("image/svg+xml");
    expect(contentType("virt/files/app.py")).toBe("text/plain; charset=utf-8");
    expect(contentType("virt/files/sub/Dockerfile")).toBe("text/plain; charset=utf-8");
  });
});

describe("withDevClient", () => {
  test("inserts the client script before the last </body> with the page and its generation", () => {
    const html = Buffer.from("<body><p>&lt;/body&gt;</p></body>\n</html>");
    expect(withDevClient(html, "g-1", "virt/index.html").toString()).toBe(
      '<body><p>&lt;/body&gt;</p><script src="/__lessons/client.js" data-generation="g-1" data-page="virt/index.html"></script>\n</body>\n</html>',
    );
  });
});

describe("changedPaths", () => {
  test("lists built files whose bytes differ, copies whose source changed, and added or removed paths", () => {
    const before = snapshotOf(
      [
        { path: "index.html", contents: "home" },
        { path: "virt/index.html", contents: "old" },
        { path: "virt/a.svg", source: "/p/content/virt/a.svg" },
        { path: "gone.html", contents: "x" },
      ],
      "g-1",
    );
    const after = snapshotOf(
      [
        { path: "index.html", contents: "home" },
        { path: "virt/index.html", contents: "new" },
        { path: "virt/a.svg", source: "/p/content/virt/a.svg" },
        { path: "new.html", contents: "y" },
      ],
      "g-2",
    );
    expect(changedPaths(before, after, new Set())).toEqual(["gone.html", "new.html", "virt/index.html"]);
    expect(changedPaths(before, after, new Set(["/p/content/virt/a.svg"]))).toEqual([
      "gone.html",
      "new.html",
      "virt/a.svg",
      "virt/index.html",
    ]);
  });
});

describe("RebuildQueue", () => {
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test("gives one rebuild for a burst of changes and one follow-up for changes made during a rebuild", async () => {
    const runs: string[][] = [];
    const releases: (() => void)[] = [];
    let active = 0;
    let overlapped = false;
    const queue = new RebuildQueue(
      async (changes) => {
        active += 1;
        overlapped ||= active > 1;
        runs.push([...changes].sort());
        await new Promise<void>((resolve) => releases.push(resolve));
        active -= 1;
      },
      10,
      (error) => {
        throw error;
      },
    );
    queue.add("a");
    queue.add("b");
    await tick(40);
    expect(runs).toEqual([["a", "b"]]);
    queue.add("c");
    queue.add("d");
    await tick(40);
    queue.add("c");
    await tick(40);
    expect(runs).toHaveLength(1);
    releases.shift()?.();
    await tick(10);
    expect(runs).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    releases.shift()?.();
    await queue.close();
    expect(overlapped).toBe(false);
    expect(runs).toHaveLength(2);
  });

  test("rebuilds again when a file it rebuilt for changes once more without a report from the watcher", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lessons-queue-"));
    const file = path.join(dir, "index.md");
    writeFileSync(file, "");
    const runs: string[] = [];
    const queue = new RebuildQueue(
      async (changes) => {
        runs.push([...changes].join());
        // The rest of a save lands after the rebuild has read the file, and the watcher, still within its throttle, says nothing.
        if (runs.length === 1) writeFileSync(file, "# The whole lesson\n");
      },
      5,
      (error) => {
        throw error;
      },
    );
    try {
      queue.add(file);
      await vi.waitFor(() => expect(runs).toEqual([file, file]), { timeout: 2_000 });
      await tick(150);
      expect(runs).toHaveLength(2);
    } finally {
      await queue.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("isProjectInput", () => {
  const layout = (kind: "content" | "legacy"): ProjectLayout => ({
    kind,
    root: path.resolve("/p"),
    contentDir: path.resolve(kind === "content" ? "/p/content" : "/p"),
    home: undefined,
    glossary: undefined,
    bibliography: undefined,
    links: undefined,
    pages: [],
    pagesWhenLinked: [],
    lessons: [],
    templates: path.resolve("/p/templates"),
    older: undefined,
    config: {
      file: undefined,
      settings: { lang: "en", css: [{ source: path.resolve("/p/styles/course.css"), path: "styles/course.css" }] },
    },
  });
  const watched = (kind: "content" | "legacy", file: string) => isProjectInput(layout(kind), path.resolve("/p", file));

  test("watches content/, data-files/, templates/, lessons.yml and the files it names in the current layout, and nothing else", () => {
    for (const file of [
      "",
      "content",
      "content/virt/index.md",
      "data-files/virt/app.py",
      "templates/lesson.liquid",
      "lessons.yml",
      "styles/course.css",
    ]) {
      expect(watched("content", file), file).toBe(true);
    }
    for (const file of [
      "dist/index.html",
      "node_modules/x/index.js",
      "README.md",
      "styles/other.css",
      ".lessons-cache/lesson/ab",
      "content/virt/.index.md.swp",
    ]) {
      expect(watched("content", file), file).toBe(false);
    }
  });

  test("watches lesson folders, root Markdown, BibTeX and YAML files, pyproject.toml, templates/ and the folders the site publishes in the older layout", () => {
    for (const file of [
      "01_intro/index.md",
      "s02_docker/app.py",
      "README.md",
      "glossary.yml",
      "bibliography.bib",
      "pyproject.toml",
      "templates/site.css",
      "static/page.css",
      "misc/data/calls.csv",
      "notes/todo.md",
    ]) {
      expect(watched("legacy", file), file).toBe(true);
    }
    for (const file of [
      "docs/index.html",
      "node_modules/x/index.js",
      "static/__pycache__/app.cpython-312.pyc",
      "static/.page.css.swp",
      "setup.py",
      "01_intro/index.md~",
      ".git/HEAD",
      "4913",
    ]) {
      expect(watched("legacy", file), file).toBe(false);
    }
  });

  test("does not watch a virtualenv or a site this tool wrote inside an older course", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "lessons-watch-"));
    try {
      for (const [folder, marker] of [
        ["venv", "pyvenv.cfg"],
        ["site", ".lessons-site"],
        ["static", "page.css"],
      ] as const) {
        mkdirSync(path.join(root, folder));
        writeFileSync(path.join(root, folder, marker), "");
      }
      const legacy = { ...layout("legacy"), root, contentDir: root };
      const watchedHere = (file: string) => isProjectInput(legacy, path.join(root, file));
      expect(["venv", "venv/lib/site.py", "site", "site/index.html"].filter(watchedHere)).toEqual([]);
      expect(["static", "static/page.css"].filter(watchedHere)).toEqual(["static", "static/page.css"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("isAllowedHost", () => {
  test.each(["localhost:4000", "LOCALHOST", "127.0.0.1:4000", "[::1]:4000", "192.168.1.20:4000", "docs.localhost:4000"])(
    "answers %s",
    (host) => {
      expect(isAllowedHost(host, "127.0.0.1")).toBe(true);
    },
  );

  test.each(["attacker.example", "attacker.example:4000", "localhost.attacker.example", "", undefined])("refuses %s", (host) => {
    expect(isAllowedHost(host, "127.0.0.1")).toBe(false);
  });

  test("answers the name it was told to listen on", () => {
    expect(isAllowedHost("workstation.lan:4000", "workstation.lan")).toBe(true);
  });
});
