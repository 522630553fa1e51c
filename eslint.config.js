import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
