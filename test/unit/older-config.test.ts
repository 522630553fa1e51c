import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import { isSkipped, olderPageAddress, readOlderConfig } from "../../src/project/older-config.js";

const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** `[tool.mccole]` read from a course whose pyproject.toml is `text`: renames, skips and diagnostic lines. */
function read(text: string | undefined) {
  const root = mkdtempSync(path.join(os.tmpdir(), "lessons-older-config-"));
  roots.push(root);
  if (text !== undefined) writeFileSync(path.join(root, "pyproject.toml"), text);
  const config = readOlderConfig(root);
  return {
    config,
    renames: Object.fromEntries(config.renames),
    skips: config.skips,
    lines: config.file?.messages.map(formatMessageLine) ?? [],
  };
}

describe("the older tool's configuration in pyproject.toml", () => {
  it("reads renames and skips, as an inline table or a table of their own, and ignores the older tool's other keys", () => {
    const inline = read(
      '[project]\nname = "course"\n\n[tool.mccole]\nrenames = { "LICENSE.md" = "license.md", "README.md" = "index.md" }\nskips = ["bin", "tmp/"]\nduplicates = [["a.py", "b.py"]]\nlinks = "links.yml"\n',
    );
    expect(inline).toMatchObject({
      renames: { "LICENSE.md": "license.md", "README.md": "index.md" },
      skips: ["bin", "tmp/", "docs"],
      lines: [],
    });
    const table = read('[tool.mccole]\nskips = []\n\n[tool.mccole.renames]\n"CODE_OF_CONDUCT.md" = "conduct.md"\n');
    expect(table).toMatchObject({ renames: { "CODE_OF_CONDUCT.md": "conduct.md" }, skips: ["docs"], lines: [] });
  });

  it("leaves out the older tool's output folder, docs/, even without a pyproject.toml or a [tool.mccole] table", () => {
    expect(read(undefined)).toMatchObject({ renames: {}, skips: ["docs"], lines: [] });
    expect(read("[tool.black]\nline-length = 120\n")).toMatchObject({ renames: {}, skips: ["docs"], lines: [] });
  });

  it("reports a file that is not TOML where the parser stopped, and reads it as if it had no [tool.mccole]", () => {
    const { renames, lines } = read('[tool.mccole]\nrenames = { "LICENSE.md" = "license.md"\nskips = ["bin"]\n');
    expect(renames).toEqual({});
    expect(lines).toEqual(["pyproject.toml:3:1 error pyproject.toml is not valid TOML: expected comma or end of structure [older-config]"]);
  });

  it("reports each value of the wrong type at its key, and keeps the rest", () => {
    const { renames, skips, lines } = read(
      '[tool.mccole]\nskips = "bin"\nrenames = { "LICENSE.md" = "license.md", "NOTES.md" = 3, "CHANGES.md" = "../changes.md" }\n',
    );
    expect(renames).toEqual({ "LICENSE.md": "license.md" });
    expect(skips).toEqual(["docs"]);
    expect(lines).toEqual([
      'pyproject.toml:3:42 error the new name of "NOTES.md" must be a string [older-config]',
      'pyproject.toml:3:58 error the new name of "CHANGES.md" must be a file name or a relative path inside its folder, not "../changes.md" [older-config]',
      "pyproject.toml:2:1 error `skips` in [tool.mccole] must be a list of paths [older-config]",
    ]);
    expect(read('[tool.mccole]\nrenames = ["LICENSE.md"]\n').lines).toEqual([
      "pyproject.toml:2:1 error `renames` in [tool.mccole] must be a table of file name = new name [older-config]",
    ]);
    expect(read('[tool.mccole.renames]\n"README.md" = "index.md"\n  "LICENSE.md" = true\n').lines).toEqual([
      'pyproject.toml:3:3 error the new name of "LICENSE.md" must be a string [older-config]',
    ]);
    expect(read('[tool.mccole]\nskips = ["bin", ""]\n')).toMatchObject({
      skips: ["bin", "docs"],
      lines: [
        "pyproject.toml:2:1 error `skips` in [tool.mccole] has an empty path, which would leave out every file; it is ignored [older-config]",
      ],
    });
    expect(read('[tool.mccole.renames]\nLICENSE.md = "license.md"\n').lines).toEqual([
      'pyproject.toml:2:1 error the new name of "LICENSE" must be a string (a file name with a dot in it is quoted: "LICENSE.md" = …) [older-config]',
    ]);
    expect(read('[tool]\nmccole = "yes"\n').lines).toEqual(["pyproject.toml:2:1 error [tool.mccole] must be a table [older-config]"]);
  });

  it("gives a Markdown file the address the older tool wrote it at, and skips paths by prefix as it did", () => {
    const { config } = read('[tool.mccole]\nrenames = { "LICENSE.md" = "license.md" }\nskips = ["bin", "notes/"]\n');
    expect(olderPageAddress(config, "LICENSE.md")).toBe("license.html");
    expect(olderPageAddress(config, "01_files/LICENSE.md")).toBe("01_files/license.html");
    expect(olderPageAddress(config, "CONTRIBUTING.md")).toBe("CONTRIBUTING.html");
    expect(olderPageAddress(config, "glossary.md")).toBe("glossary.html");
    expect(
      ["bin/run.sh", "binary.md", "notes/a.md", "docs/index.html", "notes.md", "01_files/bin"].filter((file) => isSkipped(config, file)),
    ).toEqual(["bin/run.sh", "binary.md", "notes/a.md", "docs/index.html"]);
  });
});
