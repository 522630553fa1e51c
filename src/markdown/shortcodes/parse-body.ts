/**
 * Parse the body of a `[% … %]` shortcode into a name and attributes, with
 * exact positions in the original file. Never throws: problems come back in
 * `errors` for the caller to turn into vfile messages.
 *
 * Grammar (whitespace includes line endings):
 *
 * ```
 * body      = ws* name? (ws+ item)* ws*
 * name      = [A-Za-z] [A-Za-z0-9_-]*
 * item      = key "=" value | value            ; no `=`: positional, key ""
 * value     = bare | quoted
 * bare      = (any char but whitespace and `"`)+   ; a key or name also stops at `=`
 * quoted    = `"` (`\"` | `\\` | any char but `"`)* `"`   ; other `\x` stay as is
 * ```
 */

import type { Point, Position } from "unist";
import type { Shortcode } from "./types.js";

/** One `key=value` (or positional `value`, with `key: ''`) of a shortcode. */
export interface ShortcodeAttribute {
  /** The key; `''` for a positional value such as the slug in `[%f slug %]`. */
  key: string;
  /** The value with quotes removed and `\"`, `\\` unescaped. */
  value: string;
  /** The whole item, `key=value` or the positional value. */
  position: Position;
  /** The value as written, including its quotes if quoted. */
  valuePosition: Position;
}

/** A problem in a shortcode body, positioned in the original file. */
export interface ShortcodeSyntaxError {
  message: string;
  position: Position;
  /** Set when the body parses but an attribute is wrong (a repeated key): the rule to report it under. */
  rule?: "shortcode-attribute";
}

/** A parsed shortcode body. */
export interface ParsedShortcode {
  /** The shortcode name, or `''` when missing or invalid (an error says which). */
  name: string;
  /** Where the name is; empty (start = end) where it was expected when missing. */
  namePosition: Position;
  /** Attributes in source order; a repeated key is reported and left out. */
  attributes: ShortcodeAttribute[];
  errors: ShortcodeSyntaxError[];
}

const namePattern = /^[A-Za-z][\w-]*$/;

/**
 * Parse a shortcode body.
 *
 * `start` is the point of the first body character (just after `[%`).
 * `lineStarts` gives the point where each later line of `value` starts
 * (`data.bodyLineStarts` of the node); without it, continuation lines are
 * assumed to start at column 1 right after a one-character line ending, which
 * is exact for a paragraph outside any container with `\n` line endings.
 *
 * `parseShortcodeBody('f virt_docker_layers ', {line: 3, column: 7, offset: 40})`
 * → `{ name: 'f', attributes: [{ key: '', value: 'virt_docker_layers', … }], errors: [] }`
 */
export function parseShortcodeBody(value: string, start: Point, lineStarts: readonly Point[] = []): ParsedShortcode {
  const pointAt = createPointMapper(value, start, lineStarts);
  const span = (from: number, to: number): Position => ({
    start: pointAt(from),
    end: pointAt(to),
  });
  const errors: ShortcodeSyntaxError[] = [];
  const attributes: ShortcodeAttribute[] = [];
  const seenKeys = new Set<string>();
  let index = skipWhitespace(value, 0);

  // Name: the first word, unless it is already an attribute.
  let name = "";
  let namePosition = span(index, index);
  const nameEnd = wordEnd(value, index);
  const word = value.slice(index, nameEnd);
  // Whether the next item must be preceded by whitespace.
  let afterItem = false;
  if (word === "" || value[nameEnd] === "=") {
    errors.push({
      message: "expected a shortcode name after `[%`, such as `figure` or `f`",
      position: namePosition,
    });
  } else {
    namePosition = span(index, nameEnd);
    if (namePattern.test(word)) {
      name = word;
    } else {
      errors.push({
        message: `invalid shortcode name \`${word}\`: expected a letter, then letters, digits, \`_\` or \`-\``,
        position: namePosition,
      });
    }
    index = nameEnd;
    afterItem = true;
  }

  for (;;) {
    const separatorStart = index;
    index = skipWhitespace(value, index);
    if (index >= value.length) break;
    if (afterItem && index === separatorStart) {
      errors.push({
        message: "expected whitespace between shortcode attributes",
        position: span(index, index + 1),
      });
    }
    afterItem = true;

    const itemStart = index;
    let key = "";
    if (value[index] !== '"') {
      index = wordEnd(value, index);
      if (value[index] !== "=") {
        // A positional bare value.
        addAttribute("", value.slice(itemStart, index), itemStart, itemStart, index);
        continue;
      }
      key = value.slice(itemStart, index);
      index++;
      if (key === "") {
        errors.push({
          message: "expected an attribute name before `=`",
          position: span(itemStart, index),
        });
      }
    }

    const valueStart = index;
    const char = value[index];
    let attributeValue: string;
    if (char === '"') {
      const quoted = readQuoted(value, index);
      index = quoted.end;
      attributeValue = quoted.value;
      if (!quoted.closed) {
        errors.push({
          message: 'unterminated quoted string: expected a closing `"`',
          position: span(valueStart, index),
        });
      }
    } else if (char === undefined || isWhitespace(char)) {
      errors.push({
        message: `expected a value after \`${key}=\``,
        position: span(itemStart, index),
      });
      // Still mark the key as seen, so a later one is not taken as the first.
      seenKeys.add(key);
      continue;
    } else {
      index = wordEnd(value, index, true);
      attributeValue = value.slice(valueStart, index);
    }

    // `="x"` was reported above; a value with no key would pass as positional.
    if (key !== "" || itemStart === valueStart) {
      addAttribute(key, attributeValue, itemStart, valueStart, index);
    }
  }

  return { name, namePosition, attributes, errors };

  function addAttribute(key: string, attributeValue: string, itemStart: number, valueStart: number, end: number): void {
    const position = span(itemStart, end);
    if (key !== "") {
      if (seenKeys.has(key)) {
        errors.push({ message: `duplicate attribute \`${key}\``, position, rule: "shortcode-attribute" });
        return;
      }
      seenKeys.add(key);
    }
    attributes.push({
      key,
      value: attributeValue,
      position,
      valuePosition: span(valueStart, end),
    });
  }
}

/**
 * Parse the body of a `shortcode` node, using its position and
 * `data.bodyLineStarts` so every position is exact, even inside block quotes
 * and list items. A node without a position (made by a transform) is parsed
 * as if it started at 1:1.
 */
export function parseShortcode(node: Shortcode): ParsedShortcode {
  const open = node.position?.start ?? { line: 1, column: 1, offset: 0 };
  // `[%` is two characters on the opening line.
  const start: Point = {
    line: open.line,
    column: open.column + 2,
    offset: open.offset === undefined ? undefined : open.offset + 2,
  };
  return parseShortcodeBody(node.value, start, node.data?.bodyLineStarts ?? []);
}

/**
 * Index just past a bare word: stops at whitespace, `"` or the end, and at `=`
 * unless `allowEquals` (a value such as `url=a?b=c` may contain `=`).
 */
function wordEnd(value: string, index: number, allowEquals = false): number {
  let end = index;
  while (end < value.length) {
    const char = value.charAt(end);
    if (isWhitespace(char) || char === '"' || (char === "=" && !allowEquals)) break;
    end++;
  }
  return end;
}

function readQuoted(value: string, open: number): { value: string; end: number; closed: boolean } {
  let result = "";
  let index = open + 1;
  while (index < value.length) {
    const char = value.charAt(index);
    if (char === '"') return { value: result, end: index + 1, closed: true };
    const next = value.charAt(index + 1);
    if (char === "\\" && (next === '"' || next === "\\")) {
      result += next;
      index += 2;
    } else {
      result += char;
      index++;
    }
  }
  return { value: result, end: index, closed: false };
}

function skipWhitespace(value: string, index: number): number {
  let end = index;
  while (end < value.length && isWhitespace(value.charAt(end))) end++;
  return end;
}

function isWhitespace(char: string): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\r" || char === "\f";
}

/** Map an index in `value` to a point in the file. */
function createPointMapper(value: string, start: Point, lineStarts: readonly Point[]): (index: number) => Point {
  // Index in `value` where each line starts.
  const lineIndices = [0];
  for (let index = value.indexOf("\n"); index !== -1; index = value.indexOf("\n", index + 1)) {
    lineIndices.push(index + 1);
  }

  return (index) => {
    let line = 0;
    // Few lines per shortcode: a linear search is fine.
    while (line + 1 < lineIndices.length && (lineIndices[line + 1] ?? Infinity) <= index) line++;
    const delta = index - (lineIndices[line] ?? 0);
    const lineStart: Point =
      line === 0
        ? start
        : (lineStarts[line - 1] ?? {
            line: start.line + line,
            column: 1,
            offset: start.offset === undefined ? undefined : start.offset + (lineIndices[line] ?? 0),
          });
    return {
      line: lineStart.line,
      column: lineStart.column + delta,
      offset: lineStart.offset === undefined ? undefined : lineStart.offset + delta,
    };
  };
}
