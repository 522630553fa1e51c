import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { formatMessageLine } from "../../src/diagnostics/format-text.js";
import type { LoadedDataFile } from "../../src/markdown/data-file.js";
import { refreshDataFileBlocks } from "../../src/markdown/refresh.js";

const files: Record<string, string> = {
  "app.py": 'print("new")\n\n    indented',
  "fence.md": "before\n```\nafter",
};

function read(name: string): LoadedDataFile {
  const text = files[name];
  if (text === undefined) return { ok: false, rule: "data-file-missing", reason: `data file "${name}" not found` };
  return { ok: true, path: `/data/${name}`, text };
}

function refresh(text: string): { text: string; refreshed: number; messages: string[] } {
  const file = new VFile({ path: "lesson.md", value: text });
  const result = refreshDataFileBlocks(file, read);
  return { ...result, messages: file.messages.map(formatMessageLine) };
}

describe("refreshDataFileBlocks", () => {
  it("replaces a drifted body and no other byte", () => {
    const text = '# Title\n\nBefore.\n\n```{data-file="app.py"}\nprint("old")\n```\n\nAfter.\n';
    expect(refresh(text)).toEqual({
      text: '# Title\n\nBefore.\n\n```{data-file="app.py"}\nprint("new")\n\n    indented\n```\n\nAfter.\n',
      refreshed: 1,
      messages: [],
    });
  });

  it("keeps a list item's indentation on every body line and leaves blank lines empty", () => {
    expect(refresh('-   item\n\n    ```{data-file="app.py"}\n    old\n    ```\n').text).toBe(
      '-   item\n\n    ```{data-file="app.py"}\n    print("new")\n\n        indented\n    ```\n',
    );
    expect(refresh('-   ```{data-file="app.py"}\n    old\n    ```\n').text).toBe(
      '-   ```{data-file="app.py"}\n    print("new")\n\n        indented\n    ```\n',
    );
  });

  it("keeps a block quote's markers, adding the space the quote would otherwise take from the line", () => {
    expect(refresh('> ```{data-file="app.py"}\n> old\n> ```\n').text).toBe(
      '> ```{data-file="app.py"}\n> print("new")\n>\n>     indented\n> ```\n',
    );
    expect(refresh('>```{data-file="app.py"}\n>old\n>```\n').text).toBe(
      '>```{data-file="app.py"}\n> print("new")\n>\n>     indented\n>```\n',
    );
  });

  it("writes CRLF line endings in a CRLF lesson, and finds nothing to do when only line endings differ", () => {
    const drifted = '# T\r\n\r\n```{data-file="app.py"}\r\nold\r\n```\r\nTail\r\n';
    const refreshed = refresh(drifted);
    expect(refreshed.text).toBe('# T\r\n\r\n```{data-file="app.py"}\r\nprint("new")\r\n\r\n    indented\r\n```\r\nTail\r\n');
    expect(refresh(refreshed.text)).toEqual({ text: refreshed.text, refreshed: 0, messages: [] });
  });

  it("leaves front matter, empty blocks and ordinary code blocks alone", () => {
    const text = '---\ntitle: T\n---\n\n```{data-file="app.py"}\n```\n\n```python\nold\n```\n';
    expect(refresh(text)).toEqual({ text, refreshed: 0, messages: [] });
  });

  it("reports a block whose file is missing and leaves it as it is", () => {
    const text = '# T\n\n```{data-file="gone.py"}\nkept\n```\n';
    expect(refresh(text)).toEqual({
      text,
      refreshed: 0,
      messages: ['lesson.md:3:1 warning data file "gone.py" not found; the block is left as it is [data-file-missing]'],
    });
  });

  it("refuses a body that would close the block's fence early, and accepts a longer fence", () => {
    const short = '```{data-file="fence.md"}\nold\n```\n';
    expect(refresh(short)).toEqual({
      text: short,
      refreshed: 0,
      messages: [
        'lesson.md:1:1 warning cannot refresh "fence.md": the file has a line that would close the block\'s fence; use a longer fence [data-file-drift]',
      ],
    });
    expect(refresh('````{data-file="fence.md"}\nold\n````\n').text).toBe('````{data-file="fence.md"}\nbefore\n```\nafter\n````\n');
  });

  it("refuses a block without a closing fence", () => {
    const text = '```{data-file="app.py"}\nold\n';
    expect(refresh(text)).toEqual({
      text,
      refreshed: 0,
      messages: ['lesson.md:1:1 warning cannot refresh "app.py": the block has no closing fence [data-file-drift]'],
    });
  });

  it("fixes a closer indented 4 spaces, giving back the Markdown the block swallowed", () => {
    const text = '```{data-file="app.py"}\nprint("old")\n    ```\n\n## Next\n\n```sh\nrun\n```\n';
    expect(refresh(text)).toEqual({
      text: '```{data-file="app.py"}\nprint("new")\n\n    indented\n```\n\n## Next\n\n```sh\nrun\n```\n',
      refreshed: 1,
      messages: [],
    });
  });

  it("fixes a closer written at the end of a code line, in a list item, and refreshes the blocks after it", () => {
    const text =
      '-   ```{data-file="app.py"}\n    print("old")```\n\n    Text.\n\n    ```sh\n    run\n    ```\n\n```{data-file="app.py"}\nold\n```\n';
    expect(refresh(text)).toEqual({
      text: '-   ```{data-file="app.py"}\n    print("new")\n\n        indented\n    ```\n\n    Text.\n\n    ```sh\n    run\n    ```\n\n```{data-file="app.py"}\nprint("new")\n\n    indented\n```\n',
      refreshed: 2,
      messages: [],
    });
  });

  it("fixes a runaway block hidden inside another's runaway in the same run, and one whose body already is its file", () => {
    const text = '```{data-file="app.py"}\nold\n    ```\n\n## Next\n\n```{data-file="app.py"}\nprint("new")\n\n    indented```\n\nText.\n';
    expect(refresh(text)).toEqual({
      text: '```{data-file="app.py"}\nprint("new")\n\n    indented\n```\n\n## Next\n\n```{data-file="app.py"}\nprint("new")\n\n    indented\n```\n\nText.\n',
      refreshed: 2,
      messages: [],
    });
  });
});
