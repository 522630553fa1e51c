import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The stages in the order data flows through them. A stage may import from
 * itself, from the stages before it and from `diagnostics/`, never from a later
 * stage or from what runs the stages.
 */
const stages = ["project", "markdown", "html", "site", "render", "write"];
/**
 * What runs the stages, each importing only the ones after it: the command
 * line and the dev server ask the cache for a build, the cache runs the
 * pipeline with its memos, and the pipeline runs the stages.
 */
const runners = ["cli", "serve", "cache", "pipeline"];

function restrictImports(folder, forbidden, message) {
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: forbidden.map((name) => `**/${name}/**`), message }] }],
    },
  };
}

function importDirection(stage, later) {
  const message = `${stage}/ must not import a later stage or what runs the stages: stages import one way, ${stages.join(" → ")} (README, "How it works").`;
  return restrictImports(stage, [...later, ...runners, "bench"], message);
}

function runnerDirection(runner, earlier) {
  const message = `${runner}/ must not import ${earlier.join(", ")}: ${runners.join(" → ")} → the stages (README, "How it works").`;
  return restrictImports(runner, [...earlier, "bench"], message);
}

export default tseslint.config(
  { ignores: ["dist/", "lib/", "node_modules/", "test/sites/", "test/output/", "bench/output/", "bench/lib/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["templates/assets/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        window: "readonly",
        document: "readonly",
        navigator: "readonly",
        localStorage: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        location: "readonly",
        history: "readonly",
        sessionStorage: "readonly",
        EventSource: "readonly",
        Reveal: "readonly",
        lessonsThemeToggle: "readonly",
        RevealNotes: "readonly",
        getComputedStyle: "readonly",
        requestAnimationFrame: "readonly",
        console: "readonly",
        fetch: "readonly",
        URL: "readonly",
      },
    },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  importDirection("diagnostics", stages),
  ...stages.map((stage, index) => importDirection(stage, stages.slice(index + 1))),
  ...runners.map((runner, index) => runnerDirection(runner, runners.slice(0, index))).filter((_rule, index) => index > 0),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
