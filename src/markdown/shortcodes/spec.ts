import type { Paragraph, PhrasingContent, RootContent } from "mdast";
import type { Position } from "unist";
import type { VFile } from "vfile";

/** One attribute a shortcode accepts. */
export interface AttributeSpec {
  required?: boolean;
  /** The attribute may be written bare, without `key=` (`[%f slug %]`). */
  positional?: boolean;
}

/** A shortcode's attributes after validation: every required one is present. */
export type Attributes = Record<string, string>;

/** What a spec's `run` receives besides the attributes. */
export interface ShortcodeCall {
  attributes: Attributes;
  /** Where each attribute's value was written, for diagnostics. */
  positions: Record<string, Position | undefined>;
  position: Position | undefined;
  file: VFile;
}

/**
 * A shortcode declared as data: its name, its attributes, and what it turns
 * into. `block` shortcodes (figure, table) replace the paragraph they stand
 * in; inline ones (`f`, `t`, `x`) replace themselves in running text.
 */
export type ShortcodeSpec =
  | {
      name: string;
      kind: "block";
      attributes: Record<string, AttributeSpec>;
      run: (call: ShortcodeCall) => RootContent | undefined;
    }
  | {
      name: string;
      kind: "inline";
      attributes: Record<string, AttributeSpec>;
      run: (call: ShortcodeCall) => PhrasingContent | undefined;
    };

/** A paragraph holding nothing but one node (and whitespace), as block shortcodes need. */
export function isAlone(paragraph: Paragraph, index: number): boolean {
  return paragraph.children.every((child, at) => at === index || (child.type === "text" && child.value.trim() === ""));
}
