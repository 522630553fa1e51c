import process from "node:process";
import markdownIt from "markdown-it";
import { createCssVariablesTheme, createHighlighter } from "shiki";

/**
 * The peer the cold-build target is set against: Eleventy 3 turning
 * every Markdown file of a generated course into a page with markdown-it,
 * code highlighted by shiki (Oniguruma, one theme of CSS variables, as
 * lessons does), data files copied. It does less than lessons: no layout,
 * glossary, citations, shortcodes, slides or search. `LESSONS_COURSE` is
 * the course folder.
 */
const course = process.env.LESSONS_COURSE;
const byExtension = { py: "python", sh: "shellscript", js: "javascript", sql: "sql", Dockerfile: "dockerfile" };
const byName = {
  python: "python",
  sh: "shellscript",
  shell: "shellscript",
  bash: "shellscript",
  js: "javascript",
  javascript: "javascript",
  sql: "sql",
  dockerfile: "dockerfile",
};

/** The language of a fence's info string: the extension of its `data-file`, or its first word. */
function languageOf(info) {
  const file = /data-file="([^"]+)"/.exec(info)?.[1];
  if (file) return byExtension[file.split("/").pop().split(".").pop()];
  return byName[info.trim().split(/\s/)[0].toLowerCase()];
}

export default async function (eleventyConfig) {
  const theme = createCssVariablesTheme({ name: "variables", variablePrefix: "--shiki-" });
  const highlighter = await createHighlighter({ themes: [theme], langs: [...new Set(Object.values(byName))] });
  const markdown = markdownIt({
    html: true,
    highlight: (code, info) => {
      const lang = languageOf(info);
      return lang ? highlighter.codeToHtml(code, { lang, theme: "variables" }) : "";
    },
  });
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.addPassthroughCopy({ [`${course}/data-files`]: "data-files" });
  return { markdownTemplateEngine: false, dir: { input: `${course}/content` } };
}
