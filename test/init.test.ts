import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";
import { runLessons } from "./helpers/run-lessons.js";

const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { name: string; version: string };

const temporaries: string[] = [];
afterEach(() => {
  for (const dir of temporaries.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lessons-init-"));
  temporaries.push(dir);
  return dir;
}

function page(file: string) {
  return fromHtml(readFileSync(file, "utf8"));
}

describe("lessons init", () => {
  it("creates a starter course that checks with no diagnostic at all, even under --strict", async () => {
    const cwd = tempFolder();
    const init = await runLessons(["init", "my-course"], cwd);
    expect(init.status).toBe(0);
    expect(init.stdout.split("\n")[0]).toBe("created a course in my-course; next: cd my-course && npm install && npm run dev");
    const check = await runLessons(["check", "--strict", "--format", "json"], path.join(cwd, "my-course"));
    expect(JSON.parse(check.stdout)).toEqual([]);
    expect(check.status).toBe(0);
  });

  it("installs lessons from where --from says, and then has nothing to warn about", async () => {
    const cwd = tempFolder();
    const init = await runLessons(["init", "course", "--from", "^0.1.0"], cwd);
    expect(init.stdout).toBe("created a course in course; next: cd course && npm install && npm run dev\n");
    const packageJson = JSON.parse(readFileSync(path.join(cwd, "course", "package.json"), "utf8")) as Record<string, unknown>;
    expect(packageJson).toMatchObject({ dependencies: { [manifest.name]: "^0.1.0" } });
  });

  it("says when the folder it installs lessons from is one that only this machine has", async () => {
    const init = await runLessons(["init", "course"], tempFolder());
    expect(init.stdout).toMatch(/^note: it installs lessons from \/.*, which only this machine has; .*lessons init --from /m);
  });

  it("gives the course a package.json that builds with this copy of lessons, a .gitignore and a Pages workflow", async () => {
    const cwd = tempFolder();
    expect((await runLessons(["init", "My Course"], cwd)).status).toBe(0);
    const course = path.join(cwd, "My Course");
    const packageJson = JSON.parse(readFileSync(path.join(course, "package.json"), "utf8")) as Record<string, unknown>;
    expect(packageJson).toMatchObject({
      name: "my-course",
      scripts: { build: "lessons build", dev: "lessons dev" },
      // Run from a checkout of the repository, it installs lessons from that folder, and says the workflow cannot.
      dependencies: { [manifest.name]: `file:${repoRoot.replace(/\/$/, "")}` },
    });
    const ignored = readFileSync(path.join(course, ".gitignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["dist/", ".lessons-cache/", "node_modules/"]));
    const workflow = readFileSync(path.join(course, ".github/workflows/pages.yml"), "utf8");
    expect(workflow).toMatch(/run: npm ci && npx lessons build/);
    expect(workflow).toMatch(/uses: actions\/upload-pages-artifact@\S+\n\s+with:\n\s+path: dist\n/);
    expect(workflow).toMatch(/uses: actions\/deploy-pages@/);
  });

  it("builds a site whose first lesson uses every construct of the format", async () => {
    const course = path.join(tempFolder(), "course");
    expect((await runLessons(["init", course], os.tmpdir())).status).toBe(0);
    const build = await runLessons(["build"], course);
    expect(build.stderr).toMatch(/^built \d+ pages/);
    expect(build.status).toBe(0);
    const lesson = page(path.join(course, "dist/first-program/index.html"));
    const text = toString(lesson);
    const hrefs = selectAll("a[href]", lesson).map((link) => String(link.properties.href));
    expect(select("figure img[src$='run.svg']", lesson)).toBeDefined();
    expect(text).toMatch(/Figure 1\.1/);
    expect(select("table", lesson)).toBeDefined();
    expect(text).toMatch(/Table 1\.1/);
    expect(text).toContain('def greet(name):\n    print(f"Hello, {name}!")');
    expect(hrefs).toEqual(expect.arrayContaining(["../glossary/index.html#function", "../bibliography/index.html#Abelson1996"]));
    expect(hrefs).toContain("https://docs.python.org/3/");
    expect(hrefs).toContain("../next-steps/index.html");
    expect(select("details", lesson)).toBeDefined();
    expect(text).toMatch(/Exercise 1\.1/);
    const next = page(path.join(course, "dist/next-steps/index.html"));
    expect(selectAll("a[href]", next).map((link) => String(link.properties.href))).toContain(
      "../first-program/index.html#first_program_run",
    );
    expect(toString(page(path.join(course, "dist/exercises/index.html")))).toMatch(/Exercise 2\.1/);
  });

  it("creates the course in the current folder when it is empty", async () => {
    const cwd = tempFolder();
    const init = await runLessons(["init"], cwd);
    expect(init.status).toBe(0);
    expect(existsSync(path.join(cwd, "content/index.md"))).toBe(true);
  });

  it("refuses a folder that is not empty, in one line with exit code 2, and changes nothing in it", async () => {
    const cwd = tempFolder();
    const course = path.join(cwd, "course");
    mkdirSync(course);
    writeFileSync(path.join(course, "notes.txt"), "mine\n");
    const init = await runLessons(["init", "course"], cwd);
    expect(init.status).toBe(2);
    expect(init.stderr).toBe(`lessons: ${course} is not empty; lessons init creates a course in a new or empty folder\n`);
    expect(readdirSync(course)).toEqual(["notes.txt"]);
  });
});
