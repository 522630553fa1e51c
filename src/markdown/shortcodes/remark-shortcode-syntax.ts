/// <reference types="remark-parse" />
/**
 * Remark plugin adding the `[% … %]` shortcode syntax to the parser.
 */

import type { Processor } from "unified";
import { shortcodeFromMarkdown } from "./from-markdown.js";
import { shortcodeSyntax } from "./syntax.js";

/**
 * Parse `[% … %]` into `shortcode` nodes (syntax only: no validation, no
 * output), registering the micromark and from-markdown extensions the way
 * `remark-directive` does.
 *
 * ```markdown
 * Layers are shown in [%f virt_docker_layers %].
 * ```
 *
 * becomes a paragraph holding text, `{ type: 'shortcode', value: 'f virt_docker_layers ' }`
 * and text.
 */
export default function remarkShortcodeSyntax(this: Processor): undefined {
  const data = this.data();
  const micromarkExtensions = (data.micromarkExtensions ??= []);
  const fromMarkdownExtensions = (data.fromMarkdownExtensions ??= []);
  micromarkExtensions.push(shortcodeSyntax());
  fromMarkdownExtensions.push(shortcodeFromMarkdown());
}
