import type { Element } from "hast";
import { h } from "hastscript";
import { fromHtml } from "hast-util-from-html";
import { select } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { serialiseHtml } from "../../src/html/serialise.js";
import {
  compactTranscripts,
  isCompactTranscript,
  isLongTranscript,
  shortenForSlide,
  slideLineLimit,
} from "../../src/html/slide-transcripts.js";
import { parseTranscript, transcriptPre } from "../../src/html/transcript.js";

function session(lines: number): string {
  return Array.from({ length: lines }, (_, at) => (at % 3 === 0 ? `$ echo ${at}` : `${at}`)).join("\n");
}

function transcriptFigure(code: string): Element {
  return h("figure.data-file.transcript", [h("figcaption", "run.text"), transcriptPre(parseTranscript(code), {}, undefined)]);
}

function outputFigure(code: string): Element {
  return h("figure.data-file.output", [h("figcaption", "run.out"), h("pre", [h("code", code)])]);
}

describe("transcripts on slides", () => {
  it("are cut short only when longer than the limit, transcripts and output alike, not other code", () => {
    expect(isLongTranscript(transcriptFigure(session(slideLineLimit)))).toBe(false);
    expect(isLongTranscript(transcriptFigure(session(slideLineLimit + 1)))).toBe(true);
    expect(isLongTranscript(outputFigure(session(slideLineLimit + 1)))).toBe(true);
    expect(isLongTranscript(h("figure.data-file", [h("pre", [h("code", session(slideLineLimit + 5))])]))).toBe(false);
  });

  it("show their first lines and a link to the whole on the lesson page, leaving the page's copy whole", () => {
    const code = session(slideLineLimit + 5);
    for (const figure of [transcriptFigure(code), outputFigure(code)]) {
      const page = serialiseHtml({ type: "root", children: [figure] });
      const [compact] = compactTranscripts({ heading: undefined, headingClasses: [], intro: [figure], sections: [] }).intro;
      if (compact === undefined || typeof compact === "string" || !isCompactTranscript(compact))
        throw new Error("the transcript was not kept apart");
      expect(serialiseHtml({ type: "root", children: [compact] })).toBe(page);
      const slide = fromHtml(serialiseHtml({ type: "root", children: [shortenForSlide(compact, "index.html#running")] }), {
        fragment: true,
      });
      const shown = toString(select("pre", slide)!).split("\n");
      expect(shown.length).toBeLessThan(slideLineLimit);
      expect(code.split("\n").slice(0, shown.length)).toEqual(shown);
      const link = select("p.transcript-more > a", slide)!;
      expect(toString(link)).toBe("… full output on the lesson page");
      expect(link.properties.href).toBe("index.html#running");
      expect(serialiseHtml({ type: "root", children: [compact] })).toBe(page);
    }
  });
});
