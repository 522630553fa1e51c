import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { detectLayout } from "../../lib/project/layout.js";
import { pagePaths } from "../../lib/project/urls.js";
import { devPaths, type BuildState } from "../../lib/serve/client.js";
import { startDevServer } from "../../lib/serve/dev-server.js";
import { pageUrl } from "../../lib/serve/request-path.js";
import { isProjectInput } from "../../lib/serve/watch.js";

/** Reads `build` events from a dev server's reload channel, as an open page does. */
interface BuildEvents {
  next(): Promise<BuildState>;
  close(): void;
}

async function subscribe(url: URL): Promise<BuildEvents> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!response.body) throw new Error(`${url.href} sent no event stream`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  return {
    async next() {
      for (;;) {
        const end = buffered.indexOf("\n\n");
        if (end === -1) {
          const { value, done } = await reader.read();
          if (done) throw new Error("the dev server closed its event stream");
          buffered += value;
          continue;
        }
        const event = buffered.slice(0, end).split("\n");
        buffered = buffered.slice(end + 2);
        const data = event.filter((line) => line.startsWith("data: ")).map((line) => line.slice("data: ".length));
        if (event.includes("event: build") && data.length > 0) return JSON.parse(data.join("\n")) as BuildState;
      }
    },
    close: () => controller.abort(),
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The lesson with `paragraph` added to its introduction (before the first `##` section, which may be slides-only notes). */
function withParagraph(lesson: string, paragraph: string): string {
  const firstSection = lesson.search(/^## /m);
  if (firstSection === -1) return `${lesson}\n\n${paragraph}\n`;
  return `${lesson.slice(0, firstSection)}${paragraph}\n\n${lesson.slice(firstSection)}`;
}

/**
 * Milliseconds from saving a lesson to its new page being served, once per
 * edit, for the project at `root`: the project's inputs are copied to a
 * temporary folder (the project itself is never touched), a dev server
 * runs on a free port, and each edit adds a new paragraph to the first
 * lesson's introduction, then waits as a browser would: for the reload channel to announce
 * a build that changed the lesson's page, then for the page, served over
 * HTTP, to contain the paragraph. The time covers the file watcher, the
 * debounce, the build, the swap and the request.
 */
export async function measureDevRebuild(root: string, edits: number): Promise<number[]> {
  const layout = detectLayout(root);
  const lesson = layout.lessons[0];
  if (!lesson) throw new Error(`${layout.root} has no lesson to edit`);
  const copy = await mkdtemp(path.join(os.tmpdir(), "lessons-dev-measure-"));
  try {
    await cp(layout.root, copy, { recursive: true, filter: (source) => isProjectInput(layout, source) });
    const lessonFile = path.join(copy, path.relative(layout.root, lesson.file));
    const original = await readFile(lessonFile, "utf8");
    const silent = { info: () => undefined, problems: () => undefined };
    const server = await startDevServer({ root: copy, port: 0, logger: silent });
    const events = await subscribe(new URL(devPaths.events, server.url));
    try {
      await events.next();
      const page = pagePaths.lesson(lesson.slug);
      const times: number[] = [];
      for (let edit = 1; edit <= edits; edit += 1) {
        const marker = `Paragraph ${edit} saved to time the dev server.`;
        const saved = performance.now();
        await writeFile(lessonFile, withParagraph(original, marker));
        const served = async () => {
          for (;;) {
            const state = await events.next();
            if (state.errors.length > 0) throw new Error(`the edited lesson does not build: ${state.errors[0]?.message ?? ""}`);
            if (!state.changed?.includes(page)) continue;
            const html = await (await fetch(new URL(pageUrl(page), server.url))).text();
            if (html.includes(marker)) return;
          }
        };
        await withTimeout(served(), 60_000, `serving edit ${edit}`);
        times.push(performance.now() - saved);
      }
      return times;
    } finally {
      events.close();
      await server.close();
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
