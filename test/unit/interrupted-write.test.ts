import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outputFolder, recoverInterruptedWrite } from "../../src/write/swap.js";

/** A site folder holding `home` as its home page, whole (with the site marker, written last) or not. */
function site(folder: string, home: string, whole = true): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), home);
  if (whole) writeFileSync(path.join(folder, ".lessons-site"), "marker\n");
}

describe("recovering from a build killed while writing", () => {
  let work: string;
  let out: string;
  const staging = () => path.join(work, ".dist.lessons-new");
  const previous = () => path.join(work, ".dist.lessons-old");
  const home = () => readFileSync(path.join(out, "index.html"), "utf8");
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-recover-"));
    out = path.join(work, "dist");
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("deletes a staging folder left before the swap, keeping the previous site", () => {
    site(out, "old");
    site(staging(), "new", false);
    recoverInterruptedWrite(out);
    expect(home()).toBe("old");
    expect(readdirSync(work)).toEqual(["dist"]);
  });

  it("puts the whole new site in place when killed between the renames", () => {
    site(previous(), "old");
    site(staging(), "new");
    recoverInterruptedWrite(out);
    expect(home()).toBe("new");
    expect(readdirSync(work)).toEqual(["dist"]);
  });

  it("puts the previous site back when the staged one is not whole", () => {
    site(previous(), "old");
    site(staging(), "new", false);
    recoverInterruptedWrite(out);
    expect(home()).toBe("old");
    expect(readdirSync(work)).toEqual(["dist"]);
  });

  it("finds the folder a link to the output folder points to, when a kill between the renames left it missing", () => {
    const sites = path.join(work, "sites");
    mkdirSync(sites);
    symlinkSync(path.join(sites, "current"), out);
    site(path.join(sites, ".current.lessons-old"), "old");
    site(path.join(sites, ".current.lessons-new"), "new");
    recoverInterruptedWrite(outputFolder(out));
    expect(home()).toBe("new");
    expect(readdirSync(sites)).toEqual(["current"]);
  });

  it("deletes what is left of the previous site after the swap", () => {
    site(out, "new");
    mkdirSync(path.join(previous(), "a"), { recursive: true });
    recoverInterruptedWrite(out);
    expect(home()).toBe("new");
    expect(readdirSync(work)).toEqual(["dist"]);
  });
});
