import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fromHtml } from "hast-util-from-html";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";
import { runLessons, spawnLessons } from "./helpers/run-lessons.js";

const secret = "TOP-SECRET-OUTSIDE-THE-PROJECT";

/** The message lines of a run's output, without code frames and summaries. */
function messageLines(output: string): string[] {
  return output.split("\n").filter((line) => /^\S+:\d+:\d+ (error|warning) /.test(line));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const temporaries: string[] = [];

/**
 * A project in a fresh temporary folder, `<tmp>/project`, with a sibling
 * `<tmp>/outside` holding files no build may read. `files` maps paths in
 * the project to their text, or to `{ link }` for a symbolic link.
 */
function project(files: Record<string, string | { link: string }>): { root: string; outside: string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "lessons-cli-"));
  temporaries.push(tmp);
  const root = path.join(tmp, "project");
  const outside = path.join(tmp, "outside");
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, "secret.txt"), `${secret}\n`);
  writeFileSync(path.join(outside, "secret.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><title>${secret}</title></svg>\n`);
  const all: Record<string, string | { link: string }> = {
    "content/index.md": "# Home\n",
    "content/lesson/index.md": "# Lesson\n\nText.\n",
    ...files,
  };
  for (const [name, contents] of Object.entries(all)) {
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof contents === "string") writeFileSync(target, contents);
    else symlinkSync(contents.link, target);
  }
  return { root, outside };
}

/** A built page as a browser reads it: the code of its scripts, its text, and its attribute values. */
function readPage(file: string): { scripts: string[]; text: string; attributes: string[] } {
  const tree = fromHtml(readFileSync(file, "utf8"));
  const scripts: string[] = [];
  const attributes: string[] = [];
  visit(tree, "element", (element) => {
    if (element.tagName === "script") scripts.push(toString(element));
    for (const value of Object.values(element.properties)) if (typeof value === "string") attributes.push(value);
  });
  return { scripts, text: toString(tree), attributes };
}

/** True when no file under `dir` holds text from outside the project. */
function holdsNoSecret(dir: string): boolean {
  return !existsSync(dir) || filesUnder(dir).every((file) => !readFileSync(file, "utf8").includes(secret));
}

beforeAll(() => {
  if (!existsSync(path.join(repoRoot, "lib/cli/main.js"))) throw new Error("run `npm run compile` before these tests");
});

afterEach(() => {
  for (const tmp of temporaries.splice(0)) rmSync(tmp, { recursive: true, force: true });
});

describe("lessons build refuses paths that leave the project", () => {
  it("refuses a data-file path that climbs out of the data folder, exits 1 and writes no site", async () => {
    const { root } = project({
      "content/lesson/index.md": '# Lesson\n\nText.\n\n```{data-file="../../../outside/secret.txt"}\n```\n',
    });
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(messageLines(run.stderr)).toEqual([
      'content/lesson/index.md:5:1 error data file "../../../outside/secret.txt" is refused: the path leaves its folder [data-file-escape]',
    ]);
    expect(run.stderr).toContain("build failed: dist left as it was");
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("refuses an absolute data-file path", async () => {
    const { root, outside } = project({});
    const absolute = path.join(outside, "secret.txt");
    writeFileSync(path.join(root, "content/lesson/index.md"), `# Lesson\n\n\`\`\`{data-file="${absolute}"}\n\`\`\`\n`);
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(messageLines(run.stderr)).toEqual([
      `content/lesson/index.md:3:1 error data file "${absolute}" is refused: absolute paths are not allowed [data-file-escape]`,
    ]);
    expect(holdsNoSecret(root)).toBe(true);
  });

  it("refuses a figure image path that climbs out of the lesson folder", async () => {
    const { root } = project({
      "content/lesson/index.md": '# Lesson\n\n[% figure slug=f img="../../../outside/secret.svg" alt="Secret" %]\n',
    });
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(messageLines(run.stderr)).toEqual([
      'content/lesson/index.md:3:22 error figure image "../../../outside/secret.svg" is refused: the path leaves its folder [figure-image]',
    ]);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("refuses symbolic links in the data and lesson folders that point outside the project", async () => {
    const { root } = project({
      "content/lesson/index.md": '# Lesson\n\n```{data-file="link.txt"}\n```\n\n[% figure slug=f img="link.svg" alt="Secret" %]\n',
      "data-files/lesson/link.txt": { link: "../../../outside/secret.txt" },
      "content/lesson/link.svg": { link: "../../../outside/secret.svg" },
    });
    expect(readFileSync(path.join(root, "data-files/lesson/link.txt"), "utf8")).toContain(secret);
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(messageLines(run.stderr)).toEqual([
      'content/lesson/index.md:3:1 error data file "link.txt" is refused: the path is a symbolic link to a file outside the project [data-file-escape]',
      'content/lesson/index.md:6:22 error figure image "link.svg" is refused: the path is a symbolic link to a file outside the project [figure-image]',
    ]);
    expect(holdsNoSecret(root)).toBe(true);
  });

  it("takes a symbolic link back to the content folder or above it for no lesson, and builds the rest without a word", async () => {
    const { root } = project({ "content/loop": { link: "." }, "content/up": { link: "../.." }, "content/lesson/again": { link: ".." } });
    const run = await runLessons(["build"], root);
    expect(run.status, run.stderr).toBe(0);
    expect(messageLines(run.stderr)).toEqual([]);
    expect(readdirSync(path.join(root, "dist")).filter((name) => ["loop", "up"].includes(name))).toEqual([]);
    expect(existsSync(path.join(root, "dist/lesson/index.html"))).toBe(true);
  });

  it("refuses a lesson whose index.md is a symbolic link to a file outside the project", async () => {
    const { root } = project({ "content/lesson/index.md": { link: "../../../outside/secret.txt" } });
    expect(readFileSync(path.join(root, "content/lesson/index.md"), "utf8")).toContain(secret);
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(messageLines(run.stderr)).toEqual([
      "content/lesson/index.md:1:1 error the file is refused: it is a symbolic link to a file outside the project [file-read]",
      "content/lesson/index.md:1:1 error lesson has no title: add a `# Title` heading or `title:` front matter [lesson-title]",
    ]);
    expect(holdsNoSecret(root)).toBe(true);
  });
});

describe("lessons build keeps the previous site and escapes what authors write", () => {
  it("keeps the previous dist/ untouched when a later build fails", async () => {
    const { root } = project({});
    expect((await runLessons(["build"], root)).status).toBe(0);
    const page = path.join(root, "dist/lesson/index.html");
    const before = readFileSync(page, "utf8");
    const listing = filesUnder(path.join(root, "dist")).sort();
    writeFileSync(path.join(root, "content/lesson/index.md"), '# Lesson\n\n```{data-file="../../../outside/secret.txt"}\n```\n');
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("build failed: dist left as it was");
    expect(readFileSync(page, "utf8")).toBe(before);
    expect(filesUnder(path.join(root, "dist")).sort()).toEqual(listing);
    expect(holdsNoSecret(path.join(root, "dist"))).toBe(true);
  });

  it("escapes a <script> in a figure caption, a front-matter title and a glossary term", async () => {
    const { root } = project({
      "content/lesson/index.md": [
        "---",
        'title: "<script>alert(1)</script> title"',
        "---",
        "",
        "A [term](g:term).",
        "",
        '[% figure slug=f img="box.svg" alt="A box" caption="<script>alert(2)</script> caption" %]',
        "",
      ].join("\n"),
      "content/lesson/box.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n',
      "content/glossary.yml": '- key: term\n  en:\n    term: "<script>alert(3)</script> term"\n    def: A definition.\n',
    });
    const run = await runLessons(["build"], root);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    const pages = filesUnder(path.join(root, "dist")).filter((file) => file.endsWith(".html"));
    for (const file of pages) {
      const { scripts } = readPage(file);
      for (const script of scripts) expect(script).not.toContain("alert");
    }
    const lesson = readPage(path.join(root, "dist/lesson/index.html"));
    expect(lesson.text).toContain("<script>alert(1)</script> title");
    expect(lesson.text).toContain("<script>alert(2)</script> caption");
    expect(lesson.text).toContain("<script>alert(3)</script> term");
    expect(lesson.attributes).toContain("<script>alert(3)</script> term: A definition.");
    expect(readPage(path.join(root, "dist/glossary/index.html")).text).toContain("<script>alert(3)</script> term");
  });

  it("reports bad YAML front matter as one line with its position and no stack trace", async () => {
    const { root } = project({ "content/lesson/index.md": "---\ntitle: a\n  bad: indent\n---\n# Lesson\n" });
    const run = await runLessons(["build"], root);
    expect(run.status).toBe(1);
    expect(messageLines(run.stderr)).toEqual([
      "content/lesson/index.md:2:8 error front matter is not valid YAML: Nested mappings are not allowed in compact mappings [front-matter]",
    ]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("refuses an output folder that would replace the project's sources, with exit code 2", async () => {
    const { root } = project({});
    const run = await runLessons(["build", "--out", "content"], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `lessons: the output folder ${path.join(root, "content")} must not hold or lie inside the project's sources (content)\n`,
    );
    expect(readFileSync(path.join(root, "content/lesson/index.md"), "utf8")).toBe("# Lesson\n\nText.\n");
  });

  it("refuses to write into a folder of files it did not write, and leaves them alone", async () => {
    const { root, outside } = project({});
    const run = await runLessons(["build", "--out", outside], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `lessons: the output folder ${outside} holds files that lessons did not write; empty it or choose another --out\n`,
    );
    expect(readdirSync(outside).sort()).toEqual(["secret.svg", "secret.txt"]);
  });

  it("builds again into its own output folder, deleting pages that are no longer part of the site", async () => {
    const { root } = project({ "content/old/index.md": "# Old\n" });
    expect((await runLessons(["build"], root)).status).toBe(0);
    expect(existsSync(path.join(root, "dist/old/index.html"))).toBe(true);
    rmSync(path.join(root, "content/old"), { recursive: true });
    expect((await runLessons(["build"], root)).status).toBe(0);
    expect(existsSync(path.join(root, "dist/old/index.html"))).toBe(false);
    expect(existsSync(path.join(root, "dist/lesson/index.html"))).toBe(true);
  });

  it("rejects a project folder that does not exist, with exit code 2", async () => {
    const { root } = project({});
    const run = await runLessons(["build", "--root", "missing"], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`lessons: the project folder ${path.join(root, "missing")} does not exist or is not a folder\n`);
  });

  it("refuses a folder with no lessons, saying what a course looks like, and writes nothing", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "lessons-cli-"));
    temporaries.push(tmp);
    writeFileSync(path.join(tmp, "README.md"), "# Notes\n");
    for (const command of ["build", "check"]) {
      const run = await runLessons([command], tmp);
      expect(run.status, command).toBe(1);
      expect(run.stderr, command).toContain(
        `. error no lessons in ${tmp}: a course has a folder per lesson with an index.md in it, content/<slug>/index.md (or NN_slug/index.md at the root, in the older layout); \`lessons init\` writes a starter course [no-lessons]`,
      );
    }
    expect(readdirSync(tmp)).toEqual(["README.md"]);
  });

  it("reports an unexpected failure in one line with exit code 70, not a stack trace", () => {
    const { root } = project({});
    const fault = path.join(root, "fault.mjs");
    writeFileSync(
      fault,
      'import fs from "node:fs";\nimport { syncBuiltinESMExports } from "node:module";\n' +
        'fs.readdirSync = () => { throw new TypeError("injected fault"); };\nsyncBuiltinESMExports();\n',
    );
    const run = spawnLessons(["build"], root, ["--import", pathToFileURL(fault).href]);
    expect(run.status).toBe(70);
    expect(run.stderr).toBe("lessons: internal error: injected fault (a bug in lessons, not in your project)\n");
  });
});

describe("lessons check", () => {
  const defects = {
    "content/lesson/index.md": [
      "# Lesson",
      "",
      "An [unknown term](g:nope).",
      "",
      '```{data-file="missing.py"}',
      "```",
      "",
      "[% figur slug=x %]",
      "",
      '```{data-file="hello.py"}',
      'print("drifted")',
      "```",
      "",
    ].join("\n"),
    "data-files/lesson/hello.py": 'print("hello")\n',
  };

  it("lists each diagnostic of a project with several defects once, as JSON, and exits 1", async () => {
    const { root } = project(defects);
    const run = await runLessons(["check", "--format", "json"], root);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: "content/lesson/index.md",
        line: 3,
        column: 4,
        endLine: 3,
        endColumn: 26,
        severity: "error",
        rule: "glossary-key",
        message: 'unknown glossary key "nope"',
      },
      {
        file: "content/lesson/index.md",
        line: 5,
        column: 1,
        endLine: 6,
        endColumn: 4,
        severity: "error",
        rule: "data-file-missing",
        message: 'data file "missing.py" not found in lesson\'s data folder',
      },
      {
        file: "content/lesson/index.md",
        line: 8,
        column: 1,
        endLine: 8,
        endColumn: 19,
        severity: "error",
        rule: "shortcode-unknown",
        message: 'unknown shortcode "figur" (did you mean "figure"?)',
      },
      {
        file: "content/lesson/index.md",
        line: 10,
        column: 1,
        endLine: 12,
        endColumn: 4,
        severity: "warning",
        rule: "data-file-drift",
        message: 'block body differs from "hello.py"; run `lessons refresh` to update it',
      },
    ]);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
  });

  it("prints each diagnostic as a line with a code frame, and writes nothing", async () => {
    const { root } = project(defects);
    const run = await runLessons(["check"], root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      [
        'content/lesson/index.md:8:1 error unknown shortcode "figur" (did you mean "figure"?) [shortcode-unknown]',
        "  8 | [% figur slug=x %]",
        "    | ^",
      ].join("\n"),
    );
    expect(run.stderr).toContain("3 errors, 1 warning");
    expect(readdirSync(root).sort()).toEqual(["content", "data-files"]);
  });

  it("exits 0 on warnings alone, and 1 on them with --strict", async () => {
    const { root } = project({
      "content/lesson/index.md": '# Lesson\n\n```{data-file="hello.py"}\nprint("drifted")\n```\n',
      "data-files/lesson/hello.py": 'print("hello")\n',
    });
    const relaxed = await runLessons(["check"], root);
    expect(relaxed.status).toBe(0);
    expect(messageLines(relaxed.stderr)).toEqual([
      'content/lesson/index.md:3:1 warning block body differs from "hello.py"; run `lessons refresh` to update it [data-file-drift]',
    ]);
    expect((await runLessons(["check", "--strict"], root)).status).toBe(1);
  });

  it("adds the lints that change nothing a reader sees, which build does not print", async () => {
    const { root } = project({
      "content/lesson/index.md": "# Lesson\n\nA [term](g:used).\n",
      "content/glossary.md": '<span id="used">used</span>\n:   Linked.\n\n<span id="spare">spare</span>\n:   Linked from nowhere.\n',
      "data-files/lesson/spare.py": "pass\n",
    });
    const lints = [
      'content/glossary.md:4:1 warning glossary entry "spare" is linked from no lesson [glossary-unused]',
      "content/lesson/index.md:1:1 warning 1 file in data-files/lesson/ is used nowhere in the lesson: spare.py [data-file-unused]",
    ];
    const check = await runLessons(["check"], root);
    expect(messageLines(check.stderr)).toEqual(lints);
    const build = await runLessons(["build"], root);
    expect(build.status).toBe(0);
    expect(messageLines(build.stderr)).toEqual([]);
  });
});

describe("lessons refresh", () => {
  it("restores a drifted block from its file, changes nothing else, and changes nothing on a second run", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "lessons-cli-"));
    temporaries.push(tmp);
    cpSync(path.join(repoRoot, "content"), path.join(tmp, "content"), { recursive: true });
    cpSync(path.join(repoRoot, "data-files"), path.join(tmp, "data-files"), { recursive: true });
    const lesson = path.join(tmp, "content/virt/index.md");
    const original = readFileSync(lesson);
    const block = '```{data-file="ubuntu_python3_run.text"}\n$ docker container run -it gvwilson/ubuntu-python3\n';
    expect(original.toString("utf8")).toContain(block);
    writeFileSync(lesson, original.toString("utf8").replace(block, '```{data-file="ubuntu_python3_run.text"}\n$ an old transcript\n'));

    const first = await runLessons(["refresh"], tmp);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("content/virt/index.md: 1 block refreshed\n");
    expect(readFileSync(lesson).equals(original)).toBe(true);

    const second = await runLessons(["refresh"], tmp);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe("every data-file block already matches its file\n");
    expect(readFileSync(lesson).equals(original)).toBe(true);
    expect(readdirSync(path.dirname(lesson)).sort()).toEqual(["docker_layers.svg", "index.md"]);
  });

  it("reports a block whose file is missing and leaves it as it is", async () => {
    const { root } = project({ "content/lesson/index.md": '# Lesson\n\n```{data-file="gone.py"}\nprint("kept")\n```\n' });
    const run = await runLessons(["refresh"], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("every data-file block already matches its file\n");
    expect(messageLines(run.stderr)).toEqual([
      'content/lesson/index.md:3:1 warning data file "gone.py" not found; the block is left as it is [data-file-missing]',
    ]);
    expect(readFileSync(path.join(root, "content/lesson/index.md"), "utf8")).toBe(
      '# Lesson\n\n```{data-file="gone.py"}\nprint("kept")\n```\n',
    );
  });
});

describe("lessons --help", () => {
  it.each([[[]], [["init"]], [["build"]], [["check"]], [["dev"]], [["refresh"]]])("prints help for %j and exits 0", async (command) => {
    const run = await runLessons([...command, "--help"], os.tmpdir());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: lessons${command.length ? ` ${command[0]}` : ""} \\[options\\]`));
    expect(run.stderr).toBe("");
  });
});
