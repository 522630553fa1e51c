import { existsSync } from "node:fs";
import path from "node:path";
import { Liquid } from "liquidjs";
import { builtinTemplates } from "../project/layout.js";

/** Renders named templates (`lesson.liquid`, …) with LiquidJS, autoescaping every output. */
export interface TemplateRenderer {
  render(name: string, context: object): string;
  /** The absolute path of a static file (`assets/site.css`) from the first templates folder that has it. */
  resolve(name: string): string;
}

/**
 * A renderer that looks for each template first in the project's own
 * `templates/` folder, then in the generator's, so an author can restyle one
 * page without copying the rest. Values are HTML-escaped unless a template
 * asks for `| raw` (used only for HTML the generator built as trees).
 */
export function createTemplateRenderer(projectTemplates: string): TemplateRenderer {
  const roots = [projectTemplates, builtinTemplates].filter((dir, at, all) => existsSync(dir) && all.indexOf(dir) === at);
  const liquid = new Liquid({
    root: roots,
    partials: roots,
    layouts: roots,
    extname: ".liquid",
    outputEscape: "escape",
    strictFilters: true,
    cache: true,
  });
  return {
    render(name, context) {
      return liquid.renderFileSync(name, context);
    },
    resolve(name) {
      const found = roots.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
      return found ?? path.join(builtinTemplates, name);
    },
  };
}

/** Static files (CSS, client JavaScript, the site's icon) the templates folder provides, as paths relative to it. */
export const templateAssets = [
  "assets/site.css",
  "assets/theme.js",
  "assets/site.js",
  "assets/print.css",
  "assets/slides.css",
  "assets/slide-parts.js",
  "assets/slide-addresses.js",
  "assets/slides.js",
  "assets/favicon.svg",
] as const;
