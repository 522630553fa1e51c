import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeSite } from "../../src/write/write.js";

/** Every file under `dir`, relative to it. */
function left(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe("writeSite", () => {
  let work: string;
  let out: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-write-"));
    out = path.join(work, "dist");
    writeFileSync(path.join(work, "data.py"), "print(1)\n");
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("writes nothing when nothing changed, and replaces only what did", async () => {
    await writeSite(out, [
      { path: "index.html", contents: "<p>home</p>" },
      { path: "a/files/data.py", source: path.join(work, "data.py") },
      { path: "old/page.html", contents: "<p>old</p>" },
    ]);
    const before = statSync(path.join(out, "index.html")).mtimeMs;
    const again = await writeSite(out, [
      { path: "index.html", contents: "<p>home</p>" },
      { path: "a/files/data.py", source: path.join(work, "data.py") },
      { path: "b.html", contents: "<p>new</p>" },
    ]);
    expect(again).toEqual({ written: 1, unchanged: 3, removed: 1 });
    expect(statSync(path.join(out, "index.html")).mtimeMs).toBe(before);
    expect(readdirSync(out).sort()).toEqual([".lessons-site", "a", "b.html", "index.html"]);
  });

  it("leaves the previous site as it was when a file cannot be written", async () => {
    await writeSite(out, [{ path: "index.html", contents: "<p>home</p>" }]);
    await expect(
      writeSite(out, [
        { path: "index.html", contents: "<p>new home</p>" },
        { path: "files/missing.py", source: path.join(work, "missing.py") },
      ]),
    ).rejects.toThrow();
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("<p>home</p>");
    expect(left(out).filter((file) => file.endsWith(".lessons-tmp"))).toEqual([]);
    expect(readdirSync(out).sort()).toEqual([".lessons-site", "index.html"]);
  });

  it("makes no output folder when the first site cannot be written, and leaves nothing beside it", async () => {
    await expect(
      writeSite(out, [
        { path: "index.html", contents: "<p>home</p>" },
        { path: "a/files/data.py", source: path.join(work, "data.py") },
        { path: "b/files/missing.py", source: path.join(work, "missing.py") },
      ]),
    ).rejects.toThrow();
    expect(readdirSync(work)).toEqual(["data.py"]);
  });

  it("replaces the output folder as a whole, leaving nothing beside it, and keeps its permissions", async () => {
    await writeSite(out, [
      { path: "index.html", contents: "<p>home</p>" },
      { path: "a/page.html", contents: "<p>a</p>" },
    ]);
    chmodSync(out, 0o750);
    const kept = statSync(path.join(out, "index.html"));
    await writeSite(out, [
      { path: "index.html", contents: "<p>home</p>" },
      { path: "b/page.html", contents: "<p>b</p>" },
    ]);
    expect(left(out).sort()).toEqual([".lessons-site", "b/page.html", "index.html"]);
    expect(readdirSync(work).sort()).toEqual(["data.py", "dist"]);
    expect(statSync(out).mode & 0o777).toBe(0o750);
    const reused = statSync(path.join(out, "index.html"));
    expect([reused.ino, reused.mtimeMs]).toEqual([kept.ino, kept.mtimeMs]);
  });

  it("changes a folder that a process works in file by file, and says why", async () => {
    await writeSite(out, [{ path: "index.html", contents: "<p>home</p>" }]);
    const folder = statSync(out).ino;
    const server = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { cwd: out, stdio: "ignore" });
    try {
      await new Promise((resolve) => server.once("spawn", resolve));
      const summary = await writeSite(out, [{ path: "index.html", contents: "<p>new home</p>" }]);
      expect(summary.inPlace).toBe(`process ${server.pid} (node) works in it`);
    } finally {
      server.kill();
    }
    expect(statSync(out).ino).toBe(folder);
    expect(left(out).sort()).toEqual([".lessons-site", "index.html"]);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("<p>new home</p>");
  });

  it("copies a file with its source's permissions", async () => {
    chmodSync(path.join(work, "data.py"), 0o755);
    await writeSite(out, [{ path: "data.py", source: path.join(work, "data.py") }]);
    expect(statSync(path.join(out, "data.py")).mode & 0o777).toBe(0o755);
  });

  it("never changes a source through its copy, and follows a source that is replaced", async () => {
    const source = path.join(work, "data.py");
    await writeSite(out, [{ path: "data.py", source }]);
    writeFileSync(path.join(work, "data.py.new"), "print(2)\n");
    renameSync(path.join(work, "data.py.new"), source);
    await writeSite(out, [{ path: "data.py", source }]);
    expect(readFileSync(path.join(out, "data.py"), "utf8")).toBe("print(2)\n");
    await writeSite(out, [{ path: "data.py", contents: "built\n" }]);
    expect(readFileSync(path.join(out, "data.py"), "utf8")).toBe("built\n");
    expect(readFileSync(source, "utf8")).toBe("print(2)\n");
  });

  it.runIf(existsSync("/dev/shm") && statSync("/dev/shm").dev !== statSync(os.tmpdir()).dev)(
    "copies files to an output folder on another file system",
    async () => {
      const elsewhere = mkdtempSync(path.join("/dev/shm", "lessons-write-"));
      const files = [
        { path: "data.py", source: path.join(work, "data.py") },
        { path: "again.py", source: path.join(work, "data.py") },
      ];
      const old = new Date(2020, 0, 1);
      utimesSync(path.join(work, "data.py"), old, old);
      try {
        await writeSite(elsewhere, files);
        expect(readFileSync(path.join(elsewhere, "data.py"), "utf8")).toBe("print(1)\n");
        expect(readFileSync(path.join(elsewhere, "again.py"), "utf8")).toBe("print(1)\n");
        expect(await writeSite(elsewhere, files)).toEqual({ written: 0, unchanged: 3, removed: 0 });
        writeFileSync(path.join(work, "data.py"), "print(2)\n");
        await writeSite(elsewhere, files);
        expect(readFileSync(path.join(elsewhere, "data.py"), "utf8")).toBe("print(2)\n");
        // Rewritten within the same millisecond: same size, same time, other bytes.
        const stamped = statSync(path.join(elsewhere, "data.py")).mtime;
        writeFileSync(path.join(work, "data.py"), "print(3)\n");
        utimesSync(path.join(work, "data.py"), stamped, stamped);
        await writeSite(elsewhere, files);
        expect(readFileSync(path.join(elsewhere, "data.py"), "utf8")).toBe("print(3)\n");
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    },
  );

  it("puts a file where a folder was", async () => {
    mkdirSync(path.join(out, "page"), { recursive: true });
    writeFileSync(path.join(out, "page", "inner.html"), "x");
    await writeSite(out, [{ path: "page", contents: "now a file" }]);
    expect(readFileSync(path.join(out, "page"), "utf8")).toBe("now a file");
  });
});
