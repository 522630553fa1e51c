import type { PhrasingContent } from "mdast";
import { referenceProperties, type ReferenceKind } from "../../placeholders.js";
import type { ShortcodeCall, ShortcodeSpec } from "../spec.js";

function reference(kind: ReferenceKind, { attributes, position }: ShortcodeCall): PhrasingContent {
  return {
    type: "link",
    url: "",
    children: [],
    position,
    data: { hProperties: referenceProperties(kind, attributes.slug ?? "") },
  };
}

/** `[%f slug %]` → a link reading "Figure L.N" to that figure, in any lesson. */
export const figureReference: ShortcodeSpec = {
  name: "f",
  kind: "inline",
  attributes: { slug: { required: true, positional: true } },
  run: (call) => reference("f", call),
};

/** `[%t slug %]` → a link reading "Table L.N" to that table, in any lesson. */
export const tableReference: ShortcodeSpec = {
  name: "t",
  kind: "inline",
  attributes: { slug: { required: true, positional: true } },
  run: (call) => reference("t", call),
};

/** `[%x slug %]` → a link to the lesson in folder `slug`, reading its title. */
export const lessonReference: ShortcodeSpec = {
  name: "x",
  kind: "inline",
  attributes: { slug: { required: true, positional: true } },
  run: (call) => reference("x", call),
};
