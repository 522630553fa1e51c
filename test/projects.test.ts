import { globSync } from "tinyglobby";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/fixture-project.js";
import { allTestFiles, testProjects } from "./projects.js";

const filesOf = ({ include, exclude }: { include: readonly string[]; exclude: readonly string[] }) =>
  globSync([...include], { cwd: repoRoot, ignore: [...exclude] });

describe("the test projects", () => {
  it("hold every test file, each in exactly one project", () => {
    const owners = new Map<string, string[]>();
    for (const [name, project] of Object.entries(testProjects))
      for (const file of filesOf(project)) owners.set(file, [...(owners.get(file) ?? []), name]);
    const misplaced = globSync([allTestFiles], { cwd: repoRoot })
      .map((file) => ({ file, projects: owners.get(file) ?? [] }))
      .filter(({ projects }) => projects.length !== 1);
    expect(misplaced).toEqual([]);
  });
});
