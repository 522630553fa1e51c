import type { Element } from "hast";
import { selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";
import { describe, expect, it } from "vitest";
import { createCodeHighlighter } from "../../src/html/highlighter.js";
import { parseTranscript } from "../../src/html/transcript.js";

const session = ["$ docker container run \\", "    -it ubuntu", "# ls /example", "test.txt", "$", "$ echo done", "done"].join("\n");

describe("terminal transcripts", () => {
  it("tell commands (with their continuation lines) from output", () => {
    expect(parseTranscript(session)).toEqual([
      { kind: "command", prompt: "$ ", command: "docker container run \\" },
      { kind: "continuation", command: "    -it ubuntu" },
      { kind: "command", prompt: "# ", command: "ls /example" },
      { kind: "output", text: "test.txt" },
      { kind: "command", prompt: "$", command: "" },
      { kind: "command", prompt: "$ ", command: "echo done" },
      { kind: "output", text: "done" },
    ]);
  });

  it("show every character of the session, with prompts, commands and output marked apart and commands highlighted", async () => {
    const highlighter = await createCodeHighlighter();
    await highlighter.load([{ code: session, language: "shellsession" }]);
    const pre = highlighter.highlight(session, "shellsession");
    highlighter.dispose();
    expect(toString(pre)).toBe(session);
    const texts = (selector: string) => (selectAll(selector, pre) as Element[]).map((element) => toString(element));
    expect(texts(".prompt")).toEqual(["$ ", "# ", "$", "$ "]);
    expect(texts(".command")).toEqual(["docker container run \\", "    -it ubuntu", "ls /example", "", "echo done"]);
    expect(texts(".output")).toEqual(["test.txt", "done"]);
    expect(selectAll(".command span[style]", pre).length).toBeGreaterThan(0);
  });
});
