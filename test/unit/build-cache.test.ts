import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openBuildCache } from "../../src/build/cache.js";
import { hashFile } from "../../src/build/hash.js";

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
