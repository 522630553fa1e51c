import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installSource } from "../../src/project/install-source.js";

const work = mkdtempSync(path.join(os.tmpdir(), "lessons-install-source-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project that installed lessons, its lockfile saying it was `resolved` from there; returns the package's folder. */
function installed(name: string, resolved: string, lockfile = "node_modules/.package-lock.json"): string {
  const tree = path.join(work, name);
  const packageRoot = path.join(tree, "node_modules", "lessons");
  mkdirSync(packageRoot, { recursive: true });
  const lock = { lockfileVersion: 3, packages: { "node_modules/lessons": { version: "0.3.1", resolved } } };
  writeFileSync(path.join(tree, lockfile), JSON.stringify(lock));
  return packageRoot;
}

describe("where a copy of lessons came from", () => {
  it("is its version when a registry served it", () => {
    const root = installed("registry", "https://registry.npmjs.org/lessons/-/lessons-0.3.1.tgz");
    expect(installSource(root, "0.3.1")).toEqual({ spec: "^0.3.1", portable: true });
  });

  it("is the tarball address or git address it was installed from", () => {
    const tarball = installed("tarball", "https://example.org/builds/lessons-0.3.1.tgz");
    expect(installSource(tarball, "0.3.1")).toEqual({ spec: "https://example.org/builds/lessons-0.3.1.tgz", portable: true });
    const git = "git+ssh://git@github.com/example/lessons.git#4f2c1e0";
    expect(installSource(installed("git", git, "package-lock.json"), "0.3.1")).toEqual({ spec: git, portable: true });
  });

  it("is an absolute file address, which only this machine has, for a local tarball", () => {
    const root = installed("file", "file:../lessons-0.3.1.tgz");
    expect(installSource(root, "0.3.1")).toEqual({ spec: `file:${path.join(work, "lessons-0.3.1.tgz")}`, portable: false });
  });

  it("is its own folder when no npm installed it", () => {
    const checkout = path.join(work, "checkout");
    mkdirSync(checkout, { recursive: true });
    expect(installSource(checkout, "0.3.1")).toEqual({ spec: `file:${checkout}`, portable: false });
  });
});
