/**
 * Micromark syntax extension for `[% … %]` shortcodes (LESSON-FORMAT §2.5).
 *
 * Only the *syntax* lives here: where a shortcode starts and ends, as tokens
 * with exact positions. What the body means is `parse-body.ts`'s job, and
 * which shortcodes exist is the registry's.
 *
 * Tokens, in the shape of `micromark-extension-directive`:
 *
 * ```
 * shortcode
 * ├─ shortcodeMarker        `[%`
 * ├─ shortcodeBody          (absent when the body is empty, as in `[%%]`)
 * │  ├─ shortcodeBodyData   one per line of body text
 * │  └─ lineEnding          between lines, like code text
 * └─ shortcodeMarker        `%]`
 * ```
 */

import { markdownLineEnding } from "micromark-util-character";
import { codes, types } from "micromark-util-symbol";
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from "micromark-util-types";

declare module "micromark-util-types" {
  interface TokenTypeMap {
    shortcode: "shortcode";
    shortcodeMarker: "shortcodeMarker";
    shortcodeBody: "shortcodeBody";
    shortcodeBodyData: "shortcodeBodyData";
  }
}

/**
 * The text construct for one `[% … %]` shortcode.
 *
 * The body runs to the first `%]` outside a double-quoted string (`"…"`,
 * where a backslash takes the next character literally, so `\"` does not
 * close it). It may span lines of one paragraph; a blank line ends the
 * paragraph, so an unclosed `[%` fails and stays text.
 *
 * Bound: the scan gives up at the next `[%` anywhere in the body, even inside
 * quotes. Micromark retries this construct at every `[`, so without a bound a
 * paragraph of unclosed `[%` would be rescanned to its end from each one
 * (quadratic); stopping at the next `[%` means every character is scanned by
 * at most one failed attempt. The price is that a body cannot contain a
 * literal `[%`, so shortcodes do not nest.
 */
export const shortcodeConstruct: Construct = {
  name: "shortcode",
  tokenize: tokenizeShortcode,
};

const closingMarker: Construct = {
  partial: true,
  tokenize: tokenizeClosingMarker,
};

/**
 * Micromark extension that parses `[% … %]` as a `shortcode` token.
 *
 * Registered on `[` in text, before the built-in link label start (the default
 * `add: 'before'`), so `[%f slug %]` is a shortcode while `[a](b)` and
 * `[a][b]` stay links. Pair it with `shortcodeFromMarkdown()`.
 */
export function shortcodeSyntax(): Extension {
  return { text: { [codes.leftSquareBracket]: shortcodeConstruct } };
}

function tokenizeShortcode(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let bodyOpen = false;
  let dataOpen = false;
  let inQuote = false;
  // The previous body character was `[`: a following `%` would start another
  // shortcode, and this attempt gives up there (see the bound above).
  let afterBracket = false;

  return start;

  function start(code: Code): State | undefined {
    // Only called on `[` (the extension is keyed on it).
    effects.enter("shortcode");
    effects.enter("shortcodeMarker");
    effects.consume(code);
    return openingPercent;
  }

  function openingPercent(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    effects.exit("shortcodeMarker");
    return body;
  }

  function body(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);

    if (markdownLineEnding(code)) {
      openBody();
      closeData();
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      afterBracket = false;
      return body;
    }

    if (afterBracket && code === codes.percentSign) return nok(code);

    if (!inQuote && code === codes.percentSign) {
      return effects.check(closingMarker, close, bodyData)(code);
    }

    return bodyData(code);
  }

  function bodyData(code: Code): State | undefined {
    openBody();
    if (!dataOpen) {
      effects.enter("shortcodeBodyData");
      dataOpen = true;
    }
    afterBracket = code === codes.leftSquareBracket;
    effects.consume(code);
    if (code === codes.quotationMark) {
      inQuote = !inQuote;
    } else if (inQuote && code === codes.backslash) {
      return escaped;
    }
    return body;
  }

  function escaped(code: Code): State | undefined {
    // A backslash before a line ending or the end is just a backslash.
    if (code === codes.eof || markdownLineEnding(code)) return body(code);
    afterBracket = code === codes.leftSquareBracket;
    effects.consume(code);
    return body;
  }

  function close(code: Code): State | undefined {
    closeData();
    if (bodyOpen) effects.exit("shortcodeBody");
    effects.enter("shortcodeMarker");
    effects.consume(code);
    return closingBracket;
  }

  function closingBracket(code: Code): State | undefined {
    // `closingMarker` checked that this is `]`.
    effects.consume(code);
    effects.exit("shortcodeMarker");
    effects.exit("shortcode");
    return ok;
  }

  function openBody(): void {
    if (!bodyOpen) {
      effects.enter("shortcodeBody");
      bodyOpen = true;
    }
  }

  function closeData(): void {
    if (dataOpen) {
      effects.exit("shortcodeBodyData");
      dataOpen = false;
    }
  }
}

/** Lookahead for `%]`; the tokens it makes are discarded by `check`. */
function tokenizeClosingMarker(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter("shortcodeMarker");
    effects.consume(code);
    return bracket;
  }

  function bracket(code: Code): State | undefined {
    if (code !== codes.rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit("shortcodeMarker");
    return ok;
  }
}
