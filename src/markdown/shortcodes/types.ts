/**
 * The mdast node for a `[% … %]` shortcode, registered in mdast's content
 * maps so the rest of the pipeline can visit it without casts.
 */

import type { Data, Literal } from "mdast";
import type { Point } from "unist";

/** Data on a `shortcode` node, set by `shortcodeFromMarkdown`. */
export interface ShortcodeData extends Data {
  /**
   * Where the 2nd, 3rd, … line of the body starts in the file.
   *
   * Needed because `value` has lost whatever prefix a container put before
   * each continuation line (`> ` in a block quote, the indentation of a list
   * item) and its line endings are normalised to `\n`; only these points map
   * an offset in `value` back to the file exactly. Empty for a one-line body.
   * The first line starts two columns after the node's start (after `[%`).
   */
  bodyLineStarts?: Point[] | undefined;
}

/**
 * A `[% … %]` shortcode: `value` is the raw body between `[%` and `%]`,
 * line endings as `\n`, indentation of continuation lines kept.
 *
 * `[%f virt_docker_layers %]` → `{ type: 'shortcode', value: 'f virt_docker_layers ' }`
 */
export interface Shortcode extends Literal {
  type: "shortcode";
  data?: ShortcodeData | undefined;
}

declare module "mdast" {
  interface PhrasingContentMap {
    shortcode: Shortcode;
  }
  interface RootContentMap {
    shortcode: Shortcode;
  }
}
