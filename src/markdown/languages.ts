import path from "node:path";

const byExtension: Record<string, string> = {
  ".py": "python",
  ".sh": "shellscript",
  ".bash": "shellscript",
  ".js": "javascript",
  ".mjs": "javascript",
  ".ts": "typescript",
  ".sql": "sql",
  ".json": "json",
  ".yml": "yaml",
  ".yaml": "yaml",
  ".html": "html",
  ".css": "css",
  ".env": "dotenv",
  ".md": "markdown",
  ".toml": "toml",
  ".r": "r",
  ".text": "shellsession",
  ".out": "output",
  ".txt": "text",
};

/**
 * The highlighting language of a `data-file` by its name: `.py` → python,
 * `Dockerfile` → docker, `.text` → a terminal transcript (shellsession),
 * `.out` → output, `.txt` and anything unknown → text (neither highlighted).
 */
export function languageOfFile(name: string): string {
  const base = path.posix.basename(name);
  if (base === "Dockerfile" || base.endsWith(".Dockerfile") || base.startsWith("Dockerfile.")) return "docker";
  if (base === ".env") return "dotenv";
  return byExtension[path.posix.extname(base).toLowerCase()] ?? "text";
}
