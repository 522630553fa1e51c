import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { detectLayout } from "../../src/project/layout.js";
import { publishedFiles } from "../../src/project/published-files.js";

let work: string;
let root: string;

/** Write each file (root-relative) with its own name as its text. */
function files(...names: string[]): void {
  for (const name of names) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), name);
  }
}

const targets = (options?: Parameters<typeof publishedFiles>[1]) => publishedFiles(detectLayout(root), options).map((file) => file.target);

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "lessons-published-"));
  root = path.join(work, "course");
  files("README.md", "01_intro/index.md", "01_intro/hello.py");
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("publishedFiles", () => {
  test("lists every file under lesson and root folders, deepest included, but no Markdown and no file at the root itself", () => {
    files("01_intro/extra.md", "01_intro/web/app.js", "static/page.css", "misc/a/b/c.txt", "setup.py", "LICENSE.md");
    expect(targets()).toEqual(["01_intro/hello.py", "01_intro/web/app.js", "misc/a/b/c.txt", "static/page.css"]);
  });

  test("leaves out docs/, templates/, the site's own folders, hidden files, packages, Python caches and editors' backups", () => {
    files(
      "docs/index.html",
      "templates/page.html",
      "assets/site.css",
      ".git/HEAD",
      "static/.DS_Store",
      "static/.hidden/x.js",
      "node_modules/x/index.js",
      "01_intro/__pycache__/hello.cpython-312.pyc",
      "01_intro/hello.pyc",
      "01_intro/hello.py~",
    );
    expect(targets()).toEqual(["01_intro/hello.py"]);
  });

  test("leaves out virtualenvs, a site this tool wrote, excluded folders and the course's own skips", () => {
    files(
      "env/pyvenv.cfg",
      "env/lib/site.py",
      "01_intro/venv/pyvenv.cfg",
      "01_intro/venv/bin/python",
      "site/.lessons-site",
      "site/index.html",
    );
    files("cache/v1/blob/ab", "drafts/plan.txt", "static/old/x.css", "static/page.css");
    expect(targets({ exclude: [path.join(root, "cache")], skips: ["drafts", "./static/old/"] })).toEqual([
      "01_intro/hello.py",
      "static/page.css",
    ]);
  });

  test("follows symbolic links inside the root to their files, and none that leads outside it, dangles or loops", () => {
    files("shared/common.css");
    writeFileSync(path.join(work, "secret.txt"), "outside");
    symlinkSync(path.join(root, "shared/common.css"), path.join(root, "01_intro/common.css"));
    symlinkSync(path.join(work, "secret.txt"), path.join(root, "01_intro/secret.txt"));
    symlinkSync(work, path.join(root, "01_intro/up"));
    symlinkSync(path.join(root, "nowhere.txt"), path.join(root, "01_intro/dangling.txt"));
    symlinkSync(path.join(root, "01_intro"), path.join(root, "01_intro/loop"));
    const listed = publishedFiles(detectLayout(root));
    expect(listed.map((file) => file.target)).toEqual(["01_intro/common.css", "01_intro/hello.py", "shared/common.css"]);
    expect(listed[0]?.source).toBe(realpathSync(path.join(root, "shared/common.css")));
  });
});
