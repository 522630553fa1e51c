import { h } from "hastscript";
import { report } from "../../../diagnostics/report.js";
import { describeRefusal, isFile, resolveInside } from "../../../project/safe-path.js";
import { referenceProperties } from "../../placeholders.js";
import { lessonOf, markUsed, publishFile } from "../../lesson-context.js";
import type { ShortcodeSpec } from "../spec.js";

/** The file types a figure may show. */
const imageName = /\.(svg|png|jpe?g|gif|webp|avif)$/i;

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
    if (resolved.ok) markUsed(file, resolved.path);
    let src = "";
    if (!resolved.ok) {
      report(file, "figure-image", `figure image "${img}" is refused: ${describeRefusal(resolved.reason)}`, positions.img ?? position);
    } else if (!imageName.test(img)) {
      // Anything else is no image, and copied beside the lesson's pages it could replace one (`index.html`).
      report(
        file,
        "figure-image",
        `figure image "${img}" is not an image file (.svg, .png, .jpg, .gif, .webp or .avif)`,
        positions.img ?? position,
      );
    } else if (!isFile(resolved.path)) {
      report(file, "figure-image", `figure image "${img}" not found in ${lesson.slug}'s folder`, positions.img ?? position);
    } else {
      const target = `${lesson.slug}/${img}`;
      publishFile(file, resolved.path, target);
      src = `/${target}`;
    }
    const label = h("span.figure-label", referenceProperties("figure-label", slug));
    // The site stage reports a duplicate slug at the label, so it carries the shortcode's place.
    label.position = position;
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
