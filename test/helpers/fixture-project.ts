import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The repository root. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Folder of the per-construct fixtures. */
export const fixturesDir = path.join(repoRoot, "test/fixtures");

const sharedDir = path.join(fixturesDir, "_shared");
const contentFiles = new Set(["glossary.md", "glossary.yml", "bibliography.md", "bibliography.bib", "links.md", "links.yml", "home.md"]);

/**
 * A throwaway project in the current layout built from a fixture folder:
 * `input.md` becomes `content/lesson/index.md`; `glossary.md`,
 * `bibliography.*` and `links.*` (from the fixture, else from `_shared/`)
 * go to `content/`; `data/` becomes `data-files/lesson/`; `templates/`
 * becomes the project's own templates folder; `lessons.yml` goes to the
 * root, beside `content/`; each folder in `lessons/` is
 * one more lesson; anything else (images, `.tbl` files) lands beside the lesson.
 */
export function projectFromFixture(fixture: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), "lessons-fixture-"));
  const lessonDir = path.join(root, "content", "lesson");
  mkdirSync(lessonDir, { recursive: true });
  const kinds = (dir: string) => new Set(readdirSync(dir).map((name) => name.split(".")[0]));
  const ownKinds = kinds(fixture);
  for (const dir of [sharedDir, fixture]) {
    for (const name of readdirSync(dir)) {
      if (dir === sharedDir && ownKinds.has(name.split(".")[0])) continue;
      const source = path.join(dir, name);
      if (name === "input.md") cpSync(source, path.join(lessonDir, "index.md"));
      else if (name === "home.md") cpSync(source, path.join(root, "content", "index.md"));
      else if (contentFiles.has(name)) cpSync(source, path.join(root, "content", name));
      else if (name === "data") cpSync(source, path.join(root, "data-files", "lesson"), { recursive: true });
      else if (name === "lessons.yml") cpSync(source, path.join(root, name));
      else if (name === "templates") cpSync(source, path.join(root, "templates"), { recursive: true });
      else if (name === "lessons") cpSync(source, path.join(root, "content"), { recursive: true });
      else if (dir === fixture && !["output.html", "messages.txt", "README.md"].includes(name))
        cpSync(source, path.join(lessonDir, name), { recursive: true });
    }
  }
  if (!existsSync(path.join(root, "content", "index.md"))) writeFileSync(path.join(root, "content", "index.md"), "# Fixture\n");
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The `<main>` element of a page, which is what a fixture's `output.html` holds. */
export function mainOf(html: string): string {
  const start = html.indexOf("<main");
  const end = html.indexOf("</main>");
  return start < 0 || end < 0 ? html : `${html.slice(start, end + "</main>".length)}\n`;
}
