import type { CourseRepository } from "../project/course-config.js";

/**
 * The address of a project file in the course's repository, to edit it
 * (`edit`) or to read it (`view`); `source` is relative to the course's
 * root, `/`-separated. GitLab's addresses have its `/-/` segment; every
 * other host's are GitHub's (as Gitea and Forgejo take them too).
 *
 * `{ url: "https://github.com/o/c", branch: "main", path: "" }`, `edit`,
 * `content/virt/index.md` → `https://github.com/o/c/edit/main/content/virt/index.md`
 */
export function repositoryLink(repository: CourseRepository, action: "edit" | "view", source: string): string {
  const file = [repository.path, source].filter((part) => part !== "").join("/");
  const verb = action === "edit" ? "edit" : "blob";
  const gitlab = new URL(repository.url).hostname.split(".").includes("gitlab");
  return `${repository.url}/${gitlab ? "-/" : ""}${verb}/${encodeURI(repository.branch)}/${encodeURI(file)}`;
}
