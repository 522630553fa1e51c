import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The stages in the order data flows through them. A stage may import from
 * itself, from the stages before it and from `diagnostics/`, never from a later
 * stage or from what runs the stages (`build/`, `serve/`, `cli/`, `pipeline.ts`).
 */
const stages = ["project", "markdown", "html", "site", "render", "write"];
const runners = ["build", "serve", "cli", "bench"];

function importDirection(stage, later) {
  return {
    files: [`src/${stage}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...later, ...runners].map((folder) => `**/${folder}/**`).concat("**/pipeline.js"),
              message: `${stage}/ must not import a later stage or a build runner: stages import one way, ${stages.join(" → ")} (README, "How it works").`,
            },
          ],
        },
      ],
    },
  };
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
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
