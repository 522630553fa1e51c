import { readFileSync, statSync } from "node:fs";
import { h } from "hastscript";
import type { ElementContent } from "hast";
import type { Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toHast } from "mdast-util-to-hast";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import { report } from "../../../diagnostics/report.js";
import { describeRefusal, isFile, resolveInside } from "../../../project/safe-path.js";
import { describeSize, inputLimits } from "../../../project/input-limits.js";
import { limitMarkdownInput } from "../../input-limits.js";
import { referenceProperties } from "../../placeholders.js";
import { lessonOf, markUsed } from "../../lesson-context.js";
import type { ShortcodeCall, ShortcodeSpec } from "../spec.js";

function readTable({ attributes, positions, position, file }: ShortcodeCall): Table | undefined {
  const lesson = lessonOf(file);
  const name = attributes.tbl ?? "";
  const place = positions.tbl ?? position;
  const resolved = resolveInside(lesson.dir, name, lesson.root);
  if (resolved.ok) markUsed(file, resolved.path);
  if (!resolved.ok) {
    report(file, "table-file", `table file "${name}" is refused: ${describeRefusal(resolved.reason)}`, place);
    return undefined;
  }
  if (!isFile(resolved.path)) {
    report(file, "table-file", `table file "${name}" not found in ${lesson.slug}'s folder`, place);
    return undefined;
  }
  const size = statSync(resolved.path).size;
  if (size > inputLimits.shownFileBytes) {
    report(
      file,
      "input-limit",
      `table file "${name}" is ${describeSize(size)}; a table holds at most ${describeSize(inputLimits.shownFileBytes)}`,
      place,
    );
    return undefined;
  }
  const tree = fromMarkdown(limitMarkdownInput(readFileSync(resolved.path, "utf8")), {
    extensions: [gfmTable()],
    mdastExtensions: [gfmTableFromMarkdown()],
  });
  const table = tree.children.find((node): node is Table => node.type === "table");
  if (!table) report(file, "table-file", `table file "${name}" holds no Markdown table`, place);
  return table;
}

/**
 * `[% table slug=s tbl="x.tbl" caption="…" %]` → `<figure id="s" class="table">`
 * with `Table L.N: …` as its caption and the Markdown table from `x.tbl`.
 */
export const table: ShortcodeSpec = {
  name: "table",
  kind: "block",
  attributes: { slug: { required: true }, tbl: { required: true }, caption: {} },
  run(call) {
    const { slug = "", caption } = call.attributes;
    const content = readTable(call);
    const label = h("span.table-label", referenceProperties("table-label", slug));
    // The site stage reports a duplicate slug at the label, so it carries the shortcode's place.
    label.position = call.position;
    const figcaption = caption === undefined ? h("figcaption", [label]) : h("figcaption", [label, `: ${caption}`]);
    const rendered = content ? (toHast(content) as ElementContent) : undefined;
    return {
      type: "paragraph",
      children: [],
      position: call.position,
      data: {
        hName: "figure",
        hProperties: { id: slug, className: ["table"] },
        hChildren: rendered ? [figcaption, rendered] : [figcaption],
      },
    };
  },
};
