import { describe, expect, it } from "vitest";
import { viewedFiles } from "../../src/render/file-views.js";

/** A published file, with a view page unless it is binary. */
const asset = (target: string, binary = false) => ({
  source: `/course/${target}`,
  target,
  viewPage: binary ? undefined : `${target}.html`,
});

describe("the files that get a view page", () => {
  it("lists each file once, by path, with every page that uses it, in the order the pages come", () => {
    const files = viewedFiles(
      [
        { page: "02_procs/index.html", assets: [asset("01_files/list.py"), asset("02_procs/run.sh")] },
        { page: "01_files/index.html", assets: [asset("01_files/list.py"), asset("01_files/list.py")] },
        { page: undefined, assets: [asset("static/notes.txt"), asset("02_procs/run.sh")] },
      ],
      new Set(),
    );
    expect(files.map((file) => [file.page, file.usedBy])).toEqual([
      ["01_files/list.py.html", ["02_procs/index.html", "01_files/index.html"]],
      ["02_procs/run.sh.html", ["02_procs/index.html"]],
      ["static/notes.txt.html", []],
    ]);
  });

  it("leaves out binary files and files whose view page's address another file of the site has", () => {
    const files = viewedFiles(
      [{ page: "01_files/index.html", assets: [asset("01_files/icon.png", true), asset("01_files/list.py")] }],
      new Set(["01_files/list.py.html"]),
    );
    expect(files).toEqual([]);
  });
});
