import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import { readCourseConfig } from "../../src/project/course-config.js";
import { readOlderConfig } from "../../src/project/older-config.js";

const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A course folder with `files` (path → text) and a `content/` folder. */
function course(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "lessons-course-config-"));
  roots.push(root);
  mkdirSync(path.join(root, "content"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** The settings of a current-layout course whose `lessons.yml` is `yaml`, with its diagnostic lines. */
function read(yaml: string, files: Record<string, string> = {}) {
  const root = course({ "lessons.yml": yaml, ...files });
  const config = readCourseConfig({ root, contentDir: path.join(root, "content") }, undefined);
  return { root, settings: config.settings, lines: config.file?.messages.map(formatMessageLine) ?? [] };
}

describe("lessons.yml", () => {
  it("gives every default to a course without one", () => {
    const root = course({});
    expect(readCourseConfig({ root, contentDir: path.join(root, "content") }, undefined)).toEqual({
      file: undefined,
      settings: { lang: "en", css: [] },
    });
  });

  it("reads every setting, and finds the files it names where the site keeps them", () => {
    const { root, settings, lines } = read(
      [
        "# the course",
        "title: Containers from Scratch",
        "url: https://example.org/containers",
        "lang: pt-BR",
        "repository: { url: https://github.com/example/containers.git, branch: trunk, path: /courses/containers/ }",
        "logo: content/logo.svg",
        "favicon: styles/icon.png",
        "footer: Licensed under [CC-BY](https://creativecommons.org/licenses/by/4.0/).",
        "css: [styles/course.css, content/extra.css]",
        "",
      ].join("\n"),
      { "content/logo.svg": "<svg/>", "styles/icon.png": "", "styles/course.css": "", "content/extra.css": "" },
    );
    expect(lines).toEqual([]);
    expect(settings).toEqual({
      title: "Containers from Scratch",
      url: "https://example.org/containers/",
      lang: "pt-BR",
      repository: { url: "https://github.com/example/containers", branch: "trunk", path: "courses/containers" },
      logo: { source: path.join(root, "content/logo.svg"), path: "logo.svg" },
      favicon: { source: path.join(root, "styles/icon.png"), path: "styles/icon.png", type: "image/png" },
      footer: "Licensed under [CC-BY](https://creativecommons.org/licenses/by/4.0/).",
      css: [
        { source: path.join(root, "styles/course.css"), path: "styles/course.css" },
        { source: path.join(root, "content/extra.css"), path: "extra.css" },
      ],
    });
  });

  it("takes a repository's address alone, on the main branch at the root, and one stylesheet as a path", () => {
    const { settings, lines } = read("repository: https://github.com/example/course/\ncss: course.css\n", { "course.css": "" });
    expect(lines).toEqual([]);
    expect(settings.repository).toEqual({ url: "https://github.com/example/course", branch: "main", path: "" });
    expect(settings.css.map((file) => file.path)).toEqual(["course.css"]);
  });

  it("reports an unknown key at its line, with the key it is closest to, and ignores it", () => {
    const { settings, lines } = read("titel: Networks\nlang: fr\nrepository:\n  url: https://github.com/example/course\n  brnach: dev\n");
    expect(settings).toEqual({ lang: "fr", css: [], repository: { url: "https://github.com/example/course", branch: "main", path: "" } });
    expect(lines).toEqual([
      'lessons.yml:1:1 warning lessons.yml has a key `titel` that lessons does not know, which is ignored (did you mean "title"?) [config-key]',
      'lessons.yml:5:3 warning `repository` in lessons.yml has a key `brnach` that lessons does not know, which is ignored (did you mean "branch"?) [config-key]',
    ]);
  });

  it("reports each value of the wrong type or form at the value, and leaves that setting at its default", () => {
    const { settings, lines } = read(
      "title: [a, list]\nurl: example.org/course\nlang: not a language\nrepository: { url: 3 }\ncss: [ok.css, 4]\nfooter: Made by us\n",
      { "ok.css": "" },
    );
    expect(settings).toEqual({ lang: "en", css: [], footer: "Made by us" });
    expect(lines).toEqual([
      "lessons.yml:1:8 error `title` in lessons.yml: expected the course's title [config]",
      "lessons.yml:2:6 error `url` in lessons.yml: expected an absolute http:// or https:// address [config]",
      "lessons.yml:3:7 error `lang` in lessons.yml: expected a BCP 47 language tag such as en or pt-BR [config]",
      "lessons.yml:4:13 error `repository` in lessons.yml: expected the repository's address, or a table of url, branch and path [config]",
      "lessons.yml:5:6 error `css` in lessons.yml: expected a path in the project, or a list of paths [config]",
    ]);
  });

  it("reports a file it names that the project does not have, or that is outside it, at the value", () => {
    const { settings, lines } = read("logo: images/logo.svg\ncss:\n  - there.css\n  - ../outside.css\nfavicon: icon.gif\n", {
      "there.css": "",
      "icon.gif": "",
    });
    expect(settings.logo).toBeUndefined();
    expect(settings.favicon).toBeUndefined();
    expect(settings.css.map((file) => file.path)).toEqual(["there.css"]);
    expect(lines).toEqual([
      'lessons.yml:1:7 error `logo` names "images/logo.svg", which is not a file of the project [config-file]',
      "lessons.yml:5:10 error `favicon` must be an .svg, .png or .ico file [config]",
      'lessons.yml:4:5 error `css` names "../outside.css", which is refused: the path leaves its folder [config-file]',
    ]);
  });

  it("reports YAML that cannot be read at its line, and gives every default", () => {
    const { settings, lines } = read("title: Networks\n- an item\n");
    expect(settings).toEqual({ lang: "en", css: [] });
    expect(lines).toEqual(["lessons.yml:2:1 error lessons.yml is not valid YAML: Implicit keys need to be on a single line [config]"]);
  });

  it("reads an older course's [tool.lessons] table in pyproject.toml, and reports its problems at their lines", () => {
    const root = course({
      "pyproject.toml": '[tool.mccole]\nskips = ["bin"]\n\n[tool.lessons]\ntitle = "Older"\nlang = "de"\ncolour = "red"\nurl = 5\n',
    });
    const older = readOlderConfig(root);
    const config = readCourseConfig({ root, contentDir: root }, older.file);
    expect(config.file).toBe(older.file);
    expect(config.settings).toEqual({ title: "Older", lang: "de", css: [] });
    expect(config.file?.messages.map(formatMessageLine)).toEqual([
      "pyproject.toml:7:1 warning [tool.lessons] has a key `colour` that lessons does not know, which is ignored [config-key]",
      "pyproject.toml:8:1 error `url` in [tool.lessons]: expected an absolute http:// or https:// address [config]",
    ]);
  });

  it("prefers an older course's lessons.yml to its [tool.lessons] table, and says the table is ignored", () => {
    const root = course({ "lessons.yml": "title: From YAML\n", "pyproject.toml": '[tool.lessons]\ntitle = "From TOML"\n' });
    const older = readOlderConfig(root);
    const config = readCourseConfig({ root, contentDir: root }, older.file);
    expect(config.settings.title).toBe("From YAML");
    expect(older.file?.messages.map(formatMessageLine)).toEqual([
      "pyproject.toml:1:1 warning [tool.lessons] is ignored: the course's lessons.yml holds its settings [config-key]",
    ]);
  });
});
