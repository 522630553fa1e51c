import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { installSource } from "../project/install-source.js";
import { starterFiles } from "../project/starter.js";
import type { Run } from "./invocation.js";
import { UsageError } from "./options.js";

/** True when `folder` does not exist or is an empty folder; a usage error when it is a file. */
function isFree(folder: string): boolean {
  try {
    if (!statSync(folder).isDirectory())
      throw new UsageError(`${folder} is a file; lessons init creates a course in a new or empty folder`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  return readdirSync(folder).length === 0;
}

/** `lessons init [DIR]`: a starter course in a new or empty folder. */
export function initCommand(run: Run): Command {
  return new Command("init")
    .description("create a starter course in a new or empty folder (default: the current one)")
    .argument("[dir]", "folder for the new course; must be new or empty", ".")
    .option(
      "--from <spec>",
      "where the course installs lessons from: a version, a tarball or git address (default: where this copy came from)",
    )
    .action((dir: string, options: { from?: string }) => {
      const folder = path.resolve(run.cwd, dir);
      if (!isFree(folder)) throw new UsageError(`${folder} is not empty; lessons init creates a course in a new or empty folder`);
      const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
        name: string;
        version: string;
      };
      const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
      const source = options.from === undefined ? installSource(packageRoot, manifest.version) : { spec: options.from, portable: true };
      for (const file of starterFiles(folder, { name: manifest.name, spec: source.spec })) {
        const target = path.join(folder, file.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.contents, { flag: "wx" });
      }
      const shown = path.relative(run.cwd, folder);
      const enter = shown ? `cd ${shown} && ` : "";
      run.stdout.write(`created a course in ${shown || "."}; next: ${enter}npm install && npm run dev\n`);
      if (!source.portable) {
        run.stdout.write(
          `note: it installs lessons from ${source.spec.slice("file:".length)}, which only this machine has; ` +
            `for its Pages workflow, name an address other machines reach: lessons init --from <version, tarball URL or git address>\n`,
        );
      }
    });
}
