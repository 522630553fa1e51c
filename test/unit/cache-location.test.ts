import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCacheDir } from "../../src/cache/store.js";

let work: string;
const osCache = () => path.join(work, "os-cache");

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "lessons-cache-location-"));
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

function project(name: string, folders: string[]): string {
  const root = path.join(work, name);
  for (const folder of folders) mkdirSync(path.join(root, folder), { recursive: true });
  return root;
}

describe("where the build cache goes", () => {
  it("stays in a lessons project, wherever its site is built", () => {
    const root = project("course", ["content/intro"]);
    expect(defaultCacheDir(root, path.join(work, "site"), osCache)).toBe(path.join(root, ".lessons-cache"));
  });

  it("stays in an older-layout course whose site is built inside it", () => {
    const root = project("course", ["01_intro"]);
    expect(defaultCacheDir(root, path.join(root, "dist"), osCache)).toBe(path.join(root, ".lessons-cache"));
  });

  it("leaves an older-layout course built elsewhere or served untouched, with one cache folder per course", () => {
    const first = project("first", ["01_intro"]);
    const second = project("second", ["01_intro"]);
    const built = defaultCacheDir(first, path.join(work, "site"), osCache);
    expect(path.dirname(built)).toBe(path.join(work, "os-cache", "lessons"));
    expect(defaultCacheDir(first, undefined, osCache)).toBe(built);
    expect(defaultCacheDir(second, path.join(work, "site"), osCache)).not.toBe(built);
  });

  it("keeps using a cache folder a course already has", () => {
    const root = project("course", ["01_intro", ".lessons-cache"]);
    expect(defaultCacheDir(root, path.join(work, "site"), osCache)).toBe(path.join(root, ".lessons-cache"));
  });
});
