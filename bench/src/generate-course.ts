import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What to generate: how many lessons, and the seed that makes the course reproducible. */
export interface CourseOptions {
  lessons: number;
  seed: number;
  /** `data-file` blocks per lesson (default 30). */
  blocksPerLesson?: number;
}

/** What was generated, for reports. */
export interface CourseSummary {
  lessons: number;
  markdownBytes: number;
  markdownLines: number;
  dataFileBlocks: number;
  glossaryKeys: number;
  slugs: string[];
}

type Random = () => number;

/** mulberry32: a small, fast, seedable generator, so the same seed gives the same course on any machine. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  "container image layer volume network process thread file folder path shell script command option flag " +
  "argument variable function module package library version release branch commit merge patch diff log " +
  "query table column row index schema record field value type class object method loop test fixture " +
  "build deploy server client request response header cache token secret config environment terminal " +
  "pipeline stage worker queue job task event signal socket port host user group permission owner mode"
).split(" ");
const topics = (
  "Containers,Virtual Environments,Shell Pipelines,Version Control,Databases,Testing,Packaging,Build Tools," +
  "Continuous Integration,Data Formats,Regular Expressions,Networking,Permissions,Processes,Logging,Configuration"
).split(",");
const verbs = "run build copy check list show remove create start stop inspect compare fetch update install".split(" ");

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function sentence(random: Random, extra: string[] = []): string {
  const count = 6 + Math.floor(random() * 8);
  const parts = Array.from({ length: count }, () => pick(random, words));
  for (const item of extra) parts.splice(1 + Math.floor(random() * (parts.length - 1)), 0, item);
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function identifier(random: Random): string {
  return `${pick(random, words)}_${pick(random, words)}`;
}

/** A data file: its name under the lesson's data folder, its text, and the region a block shows (if any). */
interface DataFile {
  name: string;
  text: string;
  region?: string;
}

function pythonFile(random: Random, at: number): DataFile {
  const name = identifier(random);
  const region = random() < 0.3 ? "main" : undefined;
  const lines = [
    "import sys",
    "from pathlib import Path",
    "",
    `def ${name}(path, limit=${1 + Math.floor(random() * 100)}):`,
    `    """${sentence(random)}."""`,
    "    result = []",
    "    for line in Path(path).read_text().splitlines():",
    `        if len(result) >= limit or line.startswith("#"):`,
    "            continue",
    `        result.append(line.strip().split(",")[${Math.floor(random() * 4)}])`,
    "    return result",
    "",
    ...(region ? ["# [main]"] : []),
    `if __name__ == "__main__":`,
    `    print(${name}(sys.argv[1]))`,
    ...(region ? ["# [/main]"] : []),
  ];
  return { name: `${name}_${at}.py`, text: `${lines.join("\n")}\n`, ...(region ? { region } : {}) };
}

function shellFile(random: Random, at: number): DataFile {
  const lines = [
    "#!/usr/bin/env bash",
    "set -euo pipefail",
    `for file in ${pick(random, words)}/*.txt; do`,
    `  grep -c "${pick(random, words)}" "$file" | sort -n | head -${1 + Math.floor(random() * 9)}`,
    "done",
    `echo "${sentence(random)}" > "${pick(random, words)}.log"`,
  ];
  return { name: `${pick(random, verbs)}_${pick(random, words)}_${at}.sh`, text: `${lines.join("\n")}\n` };
}

function javascriptFile(random: Random, at: number): DataFile {
  const name = `${pick(random, verbs)}${pick(random, words).replace(/^./, (c) => c.toUpperCase())}`;
  const lines = [
    `import { readFile } from "node:fs/promises";`,
    "",
    `// ${sentence(random)}`,
    `export async function ${name}(path) {`,
    `  const text = await readFile(path, "utf8");`,
    `  const rows = text.split("\\n").filter((line) => line.includes("${pick(random, words)}"));`,
    `  return rows.map((row, index) => ({ index, row, size: row.length * ${Math.floor(random() * 10) + 1} }));`,
    "}",
    "",
    `console.log(await ${name}(process.argv[2]));`,
  ];
  return { name: `${name}_${at}.js`, text: `${lines.join("\n")}\n` };
}

function sqlFile(random: Random, at: number): DataFile {
  const table = pick(random, words);
  const lines = [
    `-- ${sentence(random)}`,
    `select ${pick(random, words)}, count(*) as num`,
    `from ${table}`,
    `where ${pick(random, words)} > ${Math.floor(random() * 1000)}`,
    `group by ${pick(random, words)}`,
    `order by num desc`,
    `limit ${1 + Math.floor(random() * 20)};`,
  ];
  return { name: `${table}_${pick(random, verbs)}_${at}.sql`, text: `${lines.join("\n")}\n` };
}

function dockerFile(random: Random, at: number): DataFile {
  const lines = [
    `FROM ${pick(random, ["ubuntu:latest", "python:3.12-slim", "node:20-alpine", "debian:bookworm"])}`,
    "",
    `RUN apt-get update && apt-get install -y ${pick(random, words)} ${pick(random, words)}`,
    `COPY ${pick(random, words)}.py /app/`,
    "WORKDIR /app",
    `ENV ${pick(random, words).toUpperCase()}=${Math.floor(random() * 100)}`,
    `CMD ["python3", "${pick(random, words)}.py"]`,
  ];
  return { name: `image_${at}/Dockerfile`, text: `${lines.join("\n")}\n` };
}

function outputFile(random: Random, at: number): DataFile {
  const rows = 3 + Math.floor(random() * 6);
  const lines = ["NAME       SIZE   STATUS"];
  for (let row = 0; row < rows; row += 1) {
    lines.push(
      `${pick(random, words).padEnd(10)} ${String(Math.floor(random() * 9999)).padEnd(6)} ${pick(random, ["ok", "exited", "up"])}`,
    );
  }
  return { name: `${pick(random, verbs)}_${at}.out`, text: `${lines.join("\n")}\n` };
}

function transcriptFile(random: Random, at: number): DataFile {
  const lines: string[] = [];
  const commands = 2 + Math.floor(random() * 3);
  for (let command = 0; command < commands; command += 1) {
    lines.push(`$ docker ${pick(random, verbs)} ${pick(random, words)} --${pick(random, words)}`);
    for (let line = 0; line < 2; line += 1) lines.push(`${pick(random, words)} ${pick(random, words)} ${Math.floor(random() * 1e6)}`);
    if (command < commands - 1) lines.push("");
  }
  return { name: `${pick(random, verbs)}_${pick(random, words)}_${at}.text`, text: `${lines.join("\n")}\n` };
}

/** A few files that many lessons show unchanged (`docker image ls`), as real courses do. */
const commonFiles: DataFile[] = [
  { name: "image_ls.sh", text: "docker image ls\n" },
  { name: "container_ls.sh", text: "docker container ls -a\n" },
  { name: "python_version.text", text: "$ python3 --version\nPython 3.12.4\n" },
];

const generators = [pythonFile, pythonFile, shellFile, javascriptFile, sqlFile, dockerFile, outputFile, transcriptFile, transcriptFile];

function fence(file: DataFile, withBody: boolean): string[] {
  const name = file.region ? `${file.name}:${file.region}` : file.name;
  if (!withBody) return [`\`\`\`{data-file="${name}"}`, "```"];
  let body = file.text.replace(/\n$/, "");
  if (file.region) {
    const lines = body.split("\n");
    body = lines.slice(lines.indexOf(`# [${file.region}]`) + 1, lines.indexOf(`# [/${file.region}]`)).join("\n");
  }
  return [`\`\`\`{data-file="${name}"}`, ...body.split("\n"), "```"];
}

function svg(random: Random, label: string): string {
  const boxes = Array.from({ length: 4 }, (_, at) => {
    const y = 10 + at * 40;
    return `  <rect x="10" y="${y}" width="${100 + Math.floor(random() * 200)}" height="30" fill="#ddd" stroke="#333"/>\n  <text x="20" y="${y + 20}">${pick(random, words)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" role="img" aria-label="${label}">\n${boxes.join("\n")}\n</svg>\n`;
}

interface Shared {
  glossaryKeys: string[];
  bibKeys: string[];
  linkKeys: string[];
  slugs: string[];
}

function paragraph(random: Random, inline: () => string[], sentences: number): string[] {
  const lines: string[] = [];
  for (let at = 0; at < sentences; at += 1) lines.push(`${sentence(random, inline())}.`);
  return lines;
}

function lesson(
  random: Random,
  at: number,
  shared: Shared,
  blocks: number,
): { markdown: string; files: DataFile[]; images: string[]; table: string } {
  const slug = shared.slugs[at] ?? "";
  const topic = `${pick(random, topics)} ${at + 1}`;
  const keysPerLesson = 12;
  const keys = Array.from(
    { length: keysPerLesson },
    (_, k) => shared.glossaryKeys[(at * keysPerLesson + k) % shared.glossaryKeys.length] ?? "",
  );
  const glossaryLink = () => {
    const key = pick(random, keys);
    return `[${key.replace(/_/g, " ")}](g:${key})`;
  };
  const ownBib = shared.bibKeys[at % shared.bibKeys.length] ?? "";
  const inline = (): string[] => {
    const roll = random();
    if (roll < 0.25) return [glossaryLink()];
    if (roll < 0.35) return [`\`${pick(random, verbs)} ${pick(random, words)}\``];
    if (roll < 0.45) return [`*${pick(random, words)}*`];
    if (roll < 0.52) return [`[${pick(random, words)}][${pick(random, shared.linkKeys)}]`];
    if (roll < 0.55) return [`[[${ownBib}](b:${ownBib})]`];
    return [];
  };
  const figures = [`${slug}_overview`, `${slug}_detail`];
  const tableSlug = `${slug}_summary`;
  const files: DataFile[] = [];
  const lines: string[] = [];
  const frontMatterTitle = at % 3 === 0;
  if (frontMatterTitle) lines.push("---", `title: "${topic}"`, `summary: "${sentence(random)}."`, "---", "");
  else lines.push(`# ${topic}`, "");
  lines.push(...paragraph(random, () => [glossaryLink()], 2), `See [[${ownBib}](b:${ownBib})].`, "");
  if (at % 2 === 0) lines.push('<p id="terms"></p>', "");
  const sections = 22;
  const exerciseAt = new Set([6, 13, 19]);
  const asideAt = new Set([3, 9, 16]);
  let blockCount = 0;
  let previousWasExercise = false;
  for (let section = 0; section < sections; section += 1) {
    const isExercise = exerciseAt.has(section);
    let attributes = "";
    if (isExercise) attributes = " {: .exercise}";
    else if (previousWasExercise && section !== 20) attributes = " {: .solution}";
    else if (asideAt.has(section)) attributes = " {: .aside}";
    else if (section === 21) attributes = " {: .notes}";
    previousWasExercise = isExercise;
    const title = isExercise
      ? `Exercise: ${pick(random, verbs)} the ${pick(random, words)}`
      : `${sentence(random).split(" ").slice(0, 4).join(" ")}`;
    lines.push(`## ${title}${attributes}`, "");
    lines.push(...paragraph(random, inline, 2), "");
    const bullets = 3 + Math.floor(random() * 4);
    for (let bullet = 0; bullet < bullets; bullet += 1) {
      lines.push(`-   ${sentence(random, inline())}`);
      if (random() < 0.4) lines.push(`    -   ${sentence(random, inline())}`);
    }
    lines.push("");
    const wanted = Math.round(((section + 1) * blocks) / sections) - blockCount;
    for (let block = 0; block < wanted; block += 1) {
      const index = files.length;
      const file = random() < 0.1 ? pick(random, commonFiles) : pick(random, generators)(random, index);
      if (!files.some((known) => known.name === file.name)) files.push(file);
      lines.push(...fence(file, random() < 0.85), "");
      if (random() < 0.5) lines.push(`-   ${sentence(random, inline())}`, "");
      blockCount += 1;
    }
    if (section === 4) {
      lines.push(
        "[% figure",
        `   slug=${figures[0]}`,
        '   img="overview.svg"',
        `   alt="${sentence(random)}"`,
        `   caption="${sentence(random)}"`,
        "%]",
        "",
      );
      lines.push(`As [%f ${figures[0]} %] shows, ${sentence(random).toLowerCase()}.`, "");
    }
    if (section === 10) {
      lines.push(`[% figure slug=${figures[1]} img="detail.svg" alt="${sentence(random)}" caption="${sentence(random)}" %]`, "");
      lines.push(`Compare [%f ${figures[1]} %] with [%f ${figures[0]} %].`, "");
      if (at > 0) lines.push(`This builds on [%x ${shared.slugs[at - 1]} %] and [%f ${shared.slugs[at - 1]}_overview %].`, "");
    }
    if (section === 12) {
      lines.push(`[% table slug=${tableSlug} tbl="summary.tbl" caption="${sentence(random)}" %]`, "");
      lines.push(`[%t ${tableSlug} %] summarizes the options.`, "");
    }
    if (section === 15) {
      lines.push("| Option | Meaning | Default |", "|--------|---------|--------:|");
      for (let row = 0; row < 4; row += 1)
        lines.push(`| \`--${pick(random, words)}\` | ${sentence(random)} | ${Math.floor(random() * 100)} |`);
      lines.push("");
    }
    if (section === 17) {
      lines.push(
        `${pick(random, words)}`,
        `:   ${sentence(random, [glossaryLink()])}`,
        "",
        `${pick(random, words)}`,
        `:   ${sentence(random)}`,
        "",
      );
    }
    if (isExercise || section === 8) {
      lines.push(
        "```python",
        `${identifier(random)} = [${Math.floor(random() * 9)}, ${Math.floor(random() * 9)}]`,
        `print(sorted(${identifier(random)}))`,
        "```",
        "",
      );
    }
    if (section === 18) lines.push(`> ${sentence(random, inline())}.`, `> ${sentence(random)}.`, "");
  }
  const used = new Set(lines.join("\n").match(/\(g:(\w+)\)/g) ?? []);
  const missing = keys.filter((key) => !used.has(`(g:${key})`));
  if (missing.length > 0) lines.push(`Terms used here: ${missing.map((key) => `[${key.replace(/_/g, " ")}](g:${key})`).join(", ")}.`, "");
  const table = [
    "| Command | Purpose |",
    "|---------|---------|",
    ...Array.from({ length: 5 }, () => `| \`${pick(random, verbs)}\` | ${sentence(random)} |`),
  ];
  return { markdown: `${lines.join("\n")}\n`, files, images: figures, table: `${table.join("\n")}\n` };
}

function glossaryMarkdown(random: Random, keys: string[]): string {
  const entries = keys.map((key) => ({ key, term: key.replace(/_/g, " ") })).sort((a, b) => a.term.localeCompare(b.term));
  const lines = ["# Glossary", ""];
  let letter = "";
  for (const [at, entry] of entries.entries()) {
    const first = entry.term.charAt(0).toUpperCase();
    if (first !== letter) {
      letter = first;
      lines.push(`## ${letter}`, "");
    }
    const other = entries[(at * 7 + 3) % entries.length]?.key ?? entry.key;
    lines.push(
      `<span id="${entry.key}">${entry.term}</span>`,
      `:   ${sentence(random)}, related to [${other.replace(/_/g, " ")}](g:${other}).`,
      `    ${sentence(random)}.`,
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

function bibliography(random: Random, keys: string[]): string {
  return keys
    .map(
      (key) =>
        `@book{${key},\n  author    = {${pick(random, words)} ${pick(random, words)}},\n  title     = {${sentence(random)}},\n  publisher = {${pick(random, words)} Press},\n  year      = {${1990 + Math.floor(random() * 35)}}\n}\n`,
    )
    .join("\n");
}

/**
 * Write a course of `options.lessons` lessons in the current project layout
 * under `root` (which should be empty): `content/<slug>/index.md` with two
 * figures and a table file beside it, `data-files/<slug>/…`, a glossary,
 * a BibTeX bibliography, shared links and a home page. The same options
 * always give the same bytes.
 */
export function generateCourse(root: string, options: CourseOptions): CourseSummary {
  const random = seeded(options.seed);
  const blocks = options.blocksPerLesson ?? 30;
  const width = String(options.lessons).length;
  const slugs = Array.from({ length: options.lessons }, (_, at) => `s${String(at + 1).padStart(width, "0")}_${words[at % words.length]}`);
  const glossaryCount = Math.min(300, Math.max(12, options.lessons * 10));
  const glossaryKeys = Array.from({ length: glossaryCount }, (_, at) => `${words[at % words.length]}_${Math.floor(at / words.length) + 1}`);
  const bibKeys = Array.from({ length: Math.min(80, options.lessons) }, (_, at) => `Author${2000 + at}`);
  const linkKeys = Array.from({ length: 40 }, (_, at) => `site_${at}`);
  const shared: Shared = { glossaryKeys, bibKeys, linkKeys, slugs };
  const content = path.join(root, "content");
  mkdirSync(content, { recursive: true });
  const summary: CourseSummary = {
    lessons: options.lessons,
    markdownBytes: 0,
    markdownLines: 0,
    dataFileBlocks: 0,
    glossaryKeys: glossaryCount,
    slugs,
  };
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  write(
    path.join(content, "index.md"),
    `---\ntitle: Generated Course\nsubtitle: ${options.lessons} lessons from seed ${options.seed}\n---\n\n${paragraph(random, () => [], 3).join("\n")}\n`,
  );
  write(path.join(content, "glossary.md"), glossaryMarkdown(random, glossaryKeys));
  write(path.join(content, "bibliography.bib"), bibliography(random, bibKeys));
  write(
    path.join(content, "links.md"),
    `# Links\n\n${linkKeys.map((key, at) => `[${key}]: https://example.org/${key}/${at}`).join("\n")}\n`,
  );
  for (const [at, slug] of slugs.entries()) {
    const generated = lesson(random, at, shared, blocks);
    write(path.join(content, slug, "index.md"), generated.markdown);
    for (const image of generated.images)
      write(path.join(content, slug, image.endsWith("overview") ? "overview.svg" : "detail.svg"), svg(random, image));
    write(path.join(content, slug, "summary.tbl"), generated.table);
    for (const file of generated.files) write(path.join(root, "data-files", slug, file.name), file.text);
    summary.markdownBytes += Buffer.byteLength(generated.markdown);
    summary.markdownLines += generated.markdown.split("\n").length - 1;
    summary.dataFileBlocks += (generated.markdown.match(/^```\{data-file=/gm) ?? []).length;
  }
  return summary;
}
