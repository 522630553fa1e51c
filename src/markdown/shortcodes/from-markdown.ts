/**
 * mdast-util-from-markdown extension turning the `shortcode` tokens of
 * `shortcodeSyntax()` into `shortcode` nodes.
 */

import type { CompileContext, Extension as FromMarkdownExtension, Token } from "mdast-util-from-markdown";
import type { Point } from "unist";
import type { Shortcode } from "./types.js";

export type { Shortcode, ShortcodeData } from "./types.js";

/**
 * From-markdown extension creating `{ type: 'shortcode', value, position }`
 * nodes, where `value` is the raw body between `[%` and `%]` (line endings as
 * `\n`) and `data.bodyLineStarts` records where each later body line starts.
 *
 * `See [%f virt_docker_layers %].` → a paragraph with a text node, a
 * `shortcode` node with value `'f virt_docker_layers '` and a text node.
 */
export function shortcodeFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      shortcode: enterShortcode,
      shortcodeBodyData: enterLineContent,
      shortcodeMarker: enterLineContent,
    },
    exit: {
      shortcodeBody: exitShortcodeBody,
      shortcode: exitShortcode,
    },
  };
}

function enterShortcode(this: CompileContext, token: Token): undefined {
  const node: Shortcode = {
    type: "shortcode",
    value: "",
    data: { bodyLineStarts: [] },
  };
  this.enter(node, token);
}

/**
 * Body data and the closing marker are the only things that can come first on
 * a continuation line of the body, so the first one on a new line marks where
 * that line starts (after any container prefix, which is not part of `value`).
 */
function enterLineContent(this: CompileContext, token: Token): undefined {
  const node = currentShortcode(this);
  const starts = node.data?.bodyLineStarts;
  if (!starts) return;
  const previousLine = starts.at(-1)?.line ?? node.position?.start.line;
  if (previousLine !== undefined && token.start.line > previousLine) {
    starts.push(copyPoint(token.start));
  }
}

function exitShortcodeBody(this: CompileContext, token: Token): undefined {
  currentShortcode(this).value = this.sliceSerialize(token).replace(/\r\n?/g, "\n");
}

function exitShortcode(this: CompileContext, token: Token): undefined {
  this.exit(token);
}

function currentShortcode(context: CompileContext): Shortcode {
  const node = context.stack[context.stack.length - 1];
  // The tokens handled here only occur inside `shortcode`, whose node is on top.
  if (node?.type !== "shortcode") throw new Error("Expected a shortcode node on the stack");
  return node;
}

function copyPoint(point: Point): Point {
  return { line: point.line, column: point.column, offset: point.offset };
}
