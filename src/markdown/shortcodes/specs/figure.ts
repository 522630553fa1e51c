import { existsSync } from "node:fs";
import { h } from "hastscript";
import { report } from "../../../diagnostics/report.js";
import { describeRefusal, resolveInside } from "../../../project/safe-path.js";
import { referenceProperties } from "../../prefixed-links.js";
import { addAsset, lessonOf } from "../../types.js";
import type { ShortcodeSpec } from "../spec.js";

/**
 * `[% figure slug=s img="x.svg" alt="…" caption="…" %]` →
 * `<figure id="s"><img src="/lesson/x.svg" alt="…"><figcaption>Figure L.N: …</figcaption></figure>`,
 * with the image copied into the site and the number filled in by the site stage.
 */
export const figure: ShortcodeSpec = {
  name: "figure",
  kind: "block",
  attributes: { slug: { required: true }, img: { required: true }, alt: { required: true }, caption: {}, width: {} },
  run({ attributes, positions, position, file }) {
    const lesson = lessonOf(file);
    const { slug = "", img = "", alt = "", caption, width } = attributes;
    const resolved = resolveInside(lesson.dir, img, lesson.root);
    let src = "";
    if (!resolved.ok) {
      report(file, "figure-image", `figure image "${img}" is refused: ${describeRefusal(resolved.reason)}`, positions.img ?? position);
    } else if (!existsSync(resolved.path)) {
      report(file, "figure-image", `figure image "${img}" not found in ${lesson.slug}'s folder`, positions.img ?? position);
    } else {
      const target = `${lesson.slug}/${img}`;
      addAsset(file, { source: resolved.path, target });
      src = `/${target}`;
    }
    const label = h("span.figure-label", referenceProperties("figure-label", slug));
    const figcaption = caption === undefined ? h("figcaption", [label]) : h("figcaption", [label, `: ${caption}`]);
    return {
      type: "paragraph",
      children: [],
      position,
      data: {
        hName: "figure",
        hProperties: { id: slug, className: ["figure"] },
        hChildren: [h("img", { src, alt, width, loading: "lazy" }), figcaption],
      },
    };
  },
};
