import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openBuildCache } from "../../src/cache/store.js";
import { hashFile } from "../../src/project/hash.js";

const folders: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lessons-cache-test-"));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a cache opened to remember", () => {
  it("sees a file rewritten at once with the same size as changed", () => {
    const dir = scratch();
    const file = path.join(dir, "data.txt");
    const cache = openBuildCache(path.join(dir, "cache"), { remember: true });
    writeFileSync(file, "first");
    expect(cache.hashFile(file)).toBe(hashFile(file));
    writeFileSync(file, "again");
    expect(cache.hashFile(file)).toBe(hashFile(file));
  });

  it("sees an old file's new bytes once its time changes", () => {
    const dir = scratch();
    const file = path.join(dir, "data.txt");
    const cache = openBuildCache(path.join(dir, "cache"), { remember: true });
    writeFileSync(file, "first");
    utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const before = cache.hashFile(file);
    writeFileSync(file, "again");
    expect(cache.hashFile(file)).not.toBe(before);
    expect(cache.hashFile(file)).toBe(hashFile(file));
  });

  it("gives back what it stored, from memory, even once the file on disk is gone", () => {
    const dir = scratch();
    const cache = openBuildCache(path.join(dir, "cache"), { remember: true });
    cache.write("page", "key", "blob-hash");
    const blob = cache.writeBlob("<p>page</p>");
    rmSync(path.join(dir, "cache"), { recursive: true, force: true });
    expect(cache.read("page", "key")).toBe("blob-hash");
    expect(cache.blobText(blob)).toBe("<p>page</p>");
  });
});

describe("a cache told what a file watcher sees", () => {
  const old = new Date(2020, 0, 1);

  /** A project folder with one old file in `lesson/`, and a cache that trusts the paths `watched` accepts. */
  function watchedProject(watched: (file: string) => boolean) {
    const dir = scratch();
    const lesson = path.join(dir, "lesson");
    mkdirSync(lesson);
    const file = path.join(lesson, "data.txt");
    writeFileSync(file, "first");
    utimesSync(file, old, old);
    utimesSync(lesson, old, old);
    return { lesson, file, cache: openBuildCache(path.join(dir, "cache"), { remember: true, watched }) };
  }

  it("trusts a watched file's hash until the watcher reports it changed", () => {
    const { file, cache } = watchedProject(() => true);
    const first = cache.hashFile(file);
    cache.hashFile(file);
    writeFileSync(file, "again, longer");
    expect(cache.hashFile(file)).toBe(first);
    cache.changed([file]);
    expect(cache.hashFile(file)).toBe(hashFile(file));
    expect(cache.hashFile(file)).not.toBe(first);
  });

  it("lists a folder again when the watcher reports a file added in it, or the folder itself", () => {
    const { lesson, cache } = watchedProject(() => true);
    expect(cache.listFolder(lesson)).toEqual(["data.txt"]);
    writeFileSync(path.join(lesson, "new.py"), "print(1)");
    expect(cache.listFolder(lesson)).toEqual(["data.txt"]);
    cache.changed([path.join(lesson, "new.py")]);
    expect(cache.listFolder(lesson)).toEqual(["data.txt", "new.py"]);
    rmSync(path.join(lesson, "new.py"));
    cache.changed([lesson]);
    expect(cache.listFolder(lesson)).toEqual(["data.txt"]);
  });

  it("checks a file the watcher does not watch on every build", () => {
    const { file, cache } = watchedProject(() => false);
    const first = cache.hashFile(file);
    writeFileSync(file, "again, longer");
    expect(cache.hashFile(file)).not.toBe(first);
  });
});
