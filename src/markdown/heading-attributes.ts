import type { Heading, Root } from "mdast";
import type { VFile } from "vfile";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { report } from "../diagnostics/report.js";
import { forEachNode } from "./each-node.js";
import { spanAt } from "../diagnostics/source-positions.js";

/** Section classes with a meaning; any other class is reported as a likely typo. */
export const knownSectionClasses = ["exercise", "solution", "aside", "fixme", "notes"] as const;

const attributeList = /[ \t]*\{:([^{}]*)\}[ \t]*$/;

/** What an attribute list set on a heading. */
export interface HeadingAttributes {
  id: string | undefined;
  classes: string[];
}

declare module "mdast" {
  interface HeadingData {
    attributes?: HeadingAttributes;
  }
}

function parseAttributes(heading: Heading, body: string, bodyOffset: number, file: VFile): HeadingAttributes {
  const attributes: HeadingAttributes = { id: undefined, classes: [] };
  for (const token of body.matchAll(/\S+/g)) {
    const word = token[0];
    const place = spanAt(file, bodyOffset + token.index, word.length);
    if (/^\.[\w-]+$/.test(word)) {
      const name = word.slice(1);
      if (!(knownSectionClasses as readonly string[]).includes(name)) {
        const hint = didYouMean(name, knownSectionClasses);
        report(file, "heading-class", `unknown section class ".${name}"${hint}`, place);
      }
      attributes.classes.push(name);
    } else if (/^#[\w-]+$/.test(word)) {
      attributes.id = word.slice(1);
    } else {
      report(file, "heading-attributes", `cannot read "${word}" in a heading attribute list: expected ".class" or "#id"`, place);
    }
  }
  if (attributes.id === undefined && attributes.classes.length === 0 && !/\S/.test(body)) {
    report(file, "heading-attributes", "empty heading attribute list", heading);
  }
  return attributes;
}

/**
 * Move a trailing `{: .class #id}` from a heading's text onto the heading.
 *
 * `## Exercises {: .exercise}` becomes a heading "Exercises" with
 * `data.attributes = { id: undefined, classes: ["exercise"] }`; the HTML stage
 * applies them to the section the heading opens.
 */
export function headingAttributesTransform(tree: Root, file: VFile): void {
  const source = String(file.value);
  forEachNode(tree, "heading", (heading) => {
    const last = heading.children.at(-1);
    if (last?.type !== "text") return;
    const match = attributeList.exec(last.value);
    if (!match) return;
    last.value = last.value.slice(0, match.index).trimEnd();
    if (last.value === "") heading.children.pop();
    const end = last.position?.end.offset;
    const sourceMatch = end === undefined ? null : attributeList.exec(source.slice(heading.position?.start.offset ?? 0, end));
    const bodyOffset =
      sourceMatch && heading.position?.start.offset !== undefined
        ? heading.position.start.offset + sourceMatch.index + sourceMatch[0].indexOf("{:") + 2
        : 0;
    const attributes = parseAttributes(heading, match[1] ?? "", bodyOffset, file);
    heading.data ??= {};
    heading.data.attributes = attributes;
    // No classes, no `class` attribute: `{: #id}` alone gives `<h2 id="id">`, not `class=""` beside it.
    const className = attributes.classes.length > 0 ? attributes.classes : undefined;
    heading.data.hProperties = { ...heading.data.hProperties, id: attributes.id, className };
  });
}

/** Unified plugin for {@link headingAttributesTransform}. */
export default function remarkHeadingAttributes() {
  return headingAttributesTransform;
}
