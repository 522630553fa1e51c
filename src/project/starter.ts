import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { filesUnder } from "./files-under.js";

/** The starter course that ships with the generator. */
export const starterFolder = fileURLToPath(new URL("../../starter/", import.meta.url));

/** A file of a new course: a path relative to its folder, and its bytes. */
export interface StarterFile {
  path: string;
  contents: Uint8Array;
}

/**
 * npm leaves `.gitignore` files out of packages, and a hidden folder is easy
 * to lose on the way too, so the starter keeps these names without their dot.
 */
const dottedNames: Record<string, string> = { gitignore: ".gitignore", github: ".github" };

function courseName(folder: string): string {
  const name = path
    .basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[-._]+|-+$/g, "");
  return name || "course";
}

/**
 * Every file of a new course in `folder` (its name becomes the package
 * name): the starter course, and a `package.json` whose scripts run
 * lessons, installed from `lessons.spec`.
 */
export function starterFiles(folder: string, lessons: { name: string; spec: string }): StarterFile[] {
  const files: StarterFile[] = filesUnder(starterFolder).map((file) => {
    const [first = "", ...rest] = path.relative(starterFolder, file).split(path.sep);
    return { path: [dottedNames[first] ?? first, ...rest].join("/"), contents: readFileSync(file) };
  });
  const manifest = {
    name: courseName(folder),
    private: true,
    scripts: { build: "lessons build", dev: "lessons dev", check: "lessons check" },
    dependencies: { [lessons.name]: lessons.spec },
  };
  files.push({ path: "package.json", contents: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
