import path from "node:path";
import type { VFile } from "vfile";
import { z } from "zod";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";
import { findConfigSource, type ConfigSource } from "./config-source.js";
import { iconTypeOf, type CourseFavicon } from "./favicon.js";
import { describeRefusal, isFile, isWithin, resolveInside } from "./safe-path.js";

/** A project file the configuration names, and where the site keeps a copy of it. */
export interface ConfiguredFile {
  /** Absolute path of the file. */
  source: string;
  /** Its path in the site, relative to the output folder, `/`-separated. */
  path: string;
}

/** The repository a course's sources are kept in, for links to each page's source. */
export interface CourseRepository {
  /** The repository's web address, without a trailing `/` or `.git`: `https://github.com/owner/course`. */
  url: string;
  /** The branch the links show (default `main`). */
  branch: string;
  /** The course's folder inside the repository, `/`-separated, without a leading or trailing `/` (default: the root, `""`). */
  path: string;
}

/** What `lessons.yml` says, checked, with the files it names found; every setting but `lang` and `css` may be absent. */
export interface CourseSettings {
  /** The course's title, in place of the home page's. */
  title?: string;
  /** The address the site is published at, ending in `/`: `https://example.org/course/`. */
  url?: string;
  /** The language of the pages, a BCP 47 tag (default `en`). */
  lang: string;
  repository?: CourseRepository;
  /** An image shown in every page's header. */
  logo?: ConfiguredFile;
  /** The course's icon, in place of the one found by its name (see `favicon.ts`). */
  favicon?: CourseFavicon;
  /** Markdown shown in every page's footer (a licence, a copyright). */
  footer?: string;
  /** Stylesheets linked after the built-in ones on every page and slide deck, in order. */
  css: ConfiguredFile[];
}

/** A course's configuration: the file it was read from (which its problems are reported on), and the settings. */
export interface CourseConfig {
  file: VFile | undefined;
  settings: CourseSettings;
}

const defaultLanguage = "en";

function isWebAddress(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const webAddress = z
  .string({ error: "expected an absolute http:// or https:// address" })
  .refine(isWebAddress, "expected an absolute http:// or https:// address");
const text = (what: string) => z.string({ error: `expected ${what}` });
const projectPath = text("a path in the project, relative to its root");
const folderInRepository = text("a folder of the repository, relative to its root").refine(
  (value) => !value.split(/[\\/]/).includes("..") && !/^[a-zA-Z]:/.test(value),
  "expected a folder inside the repository",
);
const repositoryTable = z.looseObject({
  url: webAddress,
  branch: text("a branch name").min(1, "expected a branch name").optional(),
  path: folderInRepository.optional(),
});

/** Each setting's schema; `lessons.yml` is checked one setting at a time, so one wrong value leaves the others in force. */
const settingSchemas = {
  title: text("the course's title"),
  url: webAddress,
  lang: text("a language tag such as en or pt-BR").refine(isLanguageTag, "expected a BCP 47 language tag such as en or pt-BR"),
  repository: z.union([webAddress, repositoryTable], {
    error: "expected the repository's address, or a table of url, branch and path",
  }),
  logo: projectPath,
  favicon: projectPath,
  footer: text("Markdown text"),
  css: z.union([projectPath, z.array(projectPath)], { error: "expected a path in the project, or a list of paths" }),
} satisfies Record<keyof CourseSettings, z.ZodType>;

type Setting = keyof typeof settingSchemas;

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys of `table` that `known` does not hold are reported as `config-key` warnings at the key, with the known key closest to each. */
function reportUnknownKeys(source: ConfigSource, table: Record<string, unknown>, known: string[], at: string[]): void {
  for (const key of Object.keys(table)) {
    if (known.includes(key)) continue;
    const where = at.length > 0 ? `\`${at.join(".")}\` in ${source.name}` : source.name;
    const reason = `${where} has a key \`${key}\` that lessons does not know, which is ignored${didYouMean(key, known)}`;
    report(source.file, "config-key", reason, source.place([...at, key], "key"));
  }
}

/** A named project file, where the site keeps it: under the content folder as it is there, else as it is under the root. */
function configuredFile(
  source: ConfigSource,
  layout: { root: string; contentDir: string },
  value: string,
  field: readonly PropertyKey[],
): ConfiguredFile | undefined {
  const place = source.place(field, "value");
  const setting = String(field[0]);
  const resolved = resolveInside(layout.root, value, layout.root);
  if (!resolved.ok) {
    report(source.file, "config-file", `\`${setting}\` names "${value}", which is refused: ${describeRefusal(resolved.reason)}`, place);
    return undefined;
  }
  if (!isFile(resolved.path)) {
    report(source.file, "config-file", `\`${setting}\` names "${value}", which is not a file of the project`, place);
    return undefined;
  }
  const base = isWithin(layout.contentDir, resolved.path) ? layout.contentDir : layout.root;
  return { source: resolved.path, path: path.relative(base, resolved.path).split(path.sep).join("/") };
}

function repositoryOf(value: z.infer<typeof settingSchemas.repository>): CourseRepository {
  const table = typeof value === "string" ? { url: value } : value;
  return {
    url: table.url.replace(/\/+$/, "").replace(/\.git$/, ""),
    branch: table.branch ?? "main",
    path: (table.path ?? "")
      .split(/[\\/]+/)
      .filter((part) => part !== "" && part !== ".")
      .join("/"),
  };
}

/** The settings of `source`, each checked by its schema and each file it names found; a wrong one is reported and left out. */
function settingsOf(source: ConfigSource, layout: { root: string; contentDir: string }): CourseSettings {
  const settings: CourseSettings = { lang: defaultLanguage, css: [] };
  const { values } = source;
  if (values === undefined || values === null) return settings;
  if (!isTable(values)) {
    report(source.file, "config", `${source.name} must be a table of settings (key: value)`, source.place([], "value"));
    return settings;
  }
  const known = Object.keys(settingSchemas);
  reportUnknownKeys(source, values, known, []);
  const checked = <S extends Setting>(setting: S): z.infer<(typeof settingSchemas)[S]> | undefined => {
    if (values[setting] === undefined) return undefined;
    const parsed = settingSchemas[setting].safeParse(values[setting]);
    if (parsed.success) return parsed.data as z.infer<(typeof settingSchemas)[S]>;
    for (const issue of parsed.error.issues) {
      const field = [setting, ...issue.path];
      const reason = `\`${field.map(String).join(".")}\` in ${source.name}: ${issue.message}`;
      report(source.file, "config", reason, source.place(field, "value"));
    }
    return undefined;
  };
  const title = checked("title");
  if (title !== undefined) settings.title = title;
  const url = checked("url");
  if (url !== undefined) settings.url = url.endsWith("/") ? url : `${url}/`;
  settings.lang = checked("lang") ?? defaultLanguage;
  const repository = checked("repository");
  if (isTable(values.repository)) reportUnknownKeys(source, values.repository, Object.keys(repositoryTable.shape), ["repository"]);
  if (repository !== undefined) settings.repository = repositoryOf(repository);
  const logo = checked("logo");
  const logoFile = logo === undefined ? undefined : configuredFile(source, layout, logo, ["logo"]);
  if (logoFile) settings.logo = logoFile;
  const favicon = checked("favicon");
  const faviconFile = favicon === undefined ? undefined : configuredFile(source, layout, favicon, ["favicon"]);
  const faviconType = faviconFile && iconTypeOf(faviconFile.source);
  if (faviconFile && faviconType) settings.favicon = { ...faviconFile, type: faviconType };
  else if (faviconFile) report(source.file, "config", "`favicon` must be an .svg, .png or .ico file", source.place(["favicon"], "value"));
  const footer = checked("footer");
  if (footer !== undefined) settings.footer = footer;
  const css = checked("css");
  const stylesheets =
    css === undefined
      ? []
      : typeof css === "string"
        ? [{ value: css, field: ["css"] }]
        : css.map((value, at) => ({ value, field: ["css", at] }));
  settings.css = stylesheets.flatMap(({ value, field }) => configuredFile(source, layout, value, field) ?? []);
  return settings;
}

/**
 * Read and check a course's configuration (see `config-source.ts` for where
 * it is written): bad YAML, or a setting of the wrong type or value, is a
 * `config` error at its line, and that setting is left at its default; an
 * unknown key is a `config-key` warning with the key it is closest to; a
 * file that `logo`, `favicon` or `css` names but the project does not have
 * is a `config-file` error. A course without one has every default.
 *
 * ```yaml
 * title: Containers from Scratch
 * url: https://example.org/containers/
 * repository: { url: https://github.com/example/containers, branch: main }
 * css: [styles/course.css]
 * ```
 */
export function readCourseConfig(layout: { root: string; contentDir: string }, pyproject: VFile | undefined): CourseConfig {
  const source = findConfigSource(layout.root, pyproject);
  if (!source) return { file: undefined, settings: { lang: defaultLanguage, css: [] } };
  return { file: source.file, settings: settingsOf(source, layout) };
}
