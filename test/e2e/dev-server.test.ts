import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectBrowser, describeInBrowser } from "../helpers/browser.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const lessonPath = path.join("content", "virt", "index.md");

/** A raw HTTP/1.1 exchange over a socket, so the request target reaches the server exactly as written. */
async function rawGet(port: number, target: string, host = `127.0.0.1:${port}`): Promise<{ status: number; head: string; body: string }> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const [head = "", body = ""] = text.split("\r\n\r\n", 2);
  return { status: Number(head.split(" ")[1]), head, body };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** `lessons dev` running in a child process, with what it has printed so far. */
interface DevProcess {
  child: ChildProcessWithoutNullStreams;
  url: URL;
  stdout: () => string;
  stderr: () => string;
}

/**
 * Start `lessons dev --port 0` on `project` and wait for it to print the URL it serves; one that has not within 30 s
 * is killed, so that no server outlives a failed test.
 */
async function startDev(project: string, env: NodeJS.ProcessEnv = process.env): Promise<DevProcess> {
  const child = spawn(process.execPath, ["bin/lessons.js", "dev", "--root", project, "--port", "0"], { cwd: repo, env });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /serving (http:\/\/\S+)/.exec(stdout);
      if (found?.[1]) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`lessons dev exited with ${code}: ${stderr}`)));
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`lessons dev did not start serving within 30 s: ${stderr}`));
    }, 30_000);
  }).finally(() => clearTimeout(timer));
  return { child, url: new URL(address), stdout: () => stdout, stderr: () => stderr };
}

// Its tests run in order on one server, and the later ones read what the browser tests before them saved.
describeInBrowser("lessons dev", () => {
  let project: string;
  let lessonFile: string;
  let original: string;
  let dev: DevProcess;
  let url: URL;
  let browser: Browser;
  let page: Page;
  const stdout = () => dev.stdout();
  const stderr = () => dev.stderr();

  beforeAll(async () => {
    project = await mkdtemp(path.join(os.tmpdir(), "lessons-dev-test-"));
    await cp(path.join(repo, "content"), path.join(project, "content"), { recursive: true });
    await cp(path.join(repo, "data-files"), path.join(project, "data-files"), { recursive: true });
    lessonFile = path.join(project, lessonPath);
    original = await readFile(lessonFile, "utf8");
    [dev, browser] = await Promise.all([startDev(project), connectBrowser()]);
    url = dev.url;
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (dev && dev.child.exitCode === null) dev.child.kill("SIGKILL");
    if (project) await rm(project, { recursive: true, force: true });
  });

  test("listens on 127.0.0.1 and prints the URL with the real port", () => {
    expect(url.hostname).toBe("127.0.0.1");
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(stdout()).toMatch(/^built \d+ pages in \d+ ms\n/);
  });

  test("reloads the open page with the saved text, at the same scroll position", async () => {
    await page.goto(new URL("virt/", url).href);
    await page.evaluate(() => window.scrollTo(0, 1200));
    await writeFile(lessonFile, `${original}\n\nA paragraph added while the dev server runs.\n`);
    await page.getByText("A paragraph added while the dev server runs.").waitFor({ timeout: 15_000 });
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1200);
    await expect.poll(() => stdout()).toMatch(/rebuilt in \d+ ms \(\d+ pages? changed\)\n/);
  });

  test("shows a broken lesson's errors over the last good page, and clears them once it is fixed", async () => {
    await writeFile(lessonFile, `${original}\n\nA paragraph added while the dev server runs.\n\nSee [%f nosuch %].\n`);
    const overlay = page.locator("lessons-dev-overlay [role=alert]");
    await overlay.waitFor({ timeout: 15_000 });
    // A save is not atomic (the file is emptied, then written), so on a busy machine the watcher may see the empty file
    // first, and the overlay shows that build's error until the next build replaces it.
    await expect
      .poll(() => overlay.innerText(), { timeout: 15_000 })
      .toMatch(/content\/virt\/index\.md:\d+:\d+\s+unknown figure "nosuch"\s+\[figure-ref\]/);
    expect(await overlay.innerText()).toContain("Build failed: 1 error");
    await expect
      .poll(() => stderr())
      .toMatch(/content\/virt\/index\.md:\d+:\d+ error unknown figure "nosuch" \[figure-ref\]\n.*\| See \[%f nosuch %\]\./);
    expect(stdout()).toMatch(/rebuild failed in \d+ ms \(1 error\): still serving the last good pages/);

    const served = await rawGet(Number(url.port), "/virt/");
    expect(served.status).toBe(200);
    expect(served.body).toContain("A paragraph added while the dev server runs.");
    expect(served.body).not.toContain("nosuch");

    await writeFile(lessonFile, `${original}\n\nA paragraph added while the dev server runs.\n`);
    await overlay.waitFor({ state: "detached", timeout: 15_000 });
  });

  test("shows edits in the middle of a lesson saved again and again, and keeps the rest of the lesson", async () => {
    const sections = [...original.matchAll(/^## .*$/gm)];
    const middle = sections[Math.floor(sections.length / 2)];
    if (middle?.index === undefined) throw new Error(`${lessonPath} has no sections`);
    const at = middle.index + middle[0].length;
    const withNote = (note: string) =>
      `${original.slice(0, at)}\n\n${note}\n${original.slice(at)}\n\nA paragraph added while the dev server runs.\n`;
    await page.goto(new URL("virt/", url).href);
    for (const note of ["A first note in the middle.", "A second note in the middle.", "A third note, with `code`, in the middle."]) {
      await writeFile(lessonFile, withNote(note));
      await expect
        .poll(async () => (await rawGet(Number(url.port), "/virt/")).body, { timeout: 15_000 })
        .toContain(note.replace(/`code`/, "<code>code</code>"));
    }
    const served = (await rawGet(Number(url.port), "/virt/")).body;
    expect(served).not.toContain("A first note");
    expect(served).not.toContain("A second note");
    expect(served).toContain("A paragraph added while the dev server runs.");
    await page.getByText("A third note, with code, in the middle.").waitFor({ timeout: 15_000 });
    expect((await page.locator("main").innerText()).match(/A (first|second|third) note/g)).toEqual(["A third note"]);
  });

  test("serves nothing outside the site: traversal, encoded traversal, backslashes, NUL and absolute paths get 404", async () => {
    const port = Number(url.port);
    for (const target of [
      "/%2e%2e/%2e%2e/etc/passwd",
      "/../../etc/passwd",
      "/virt/..%2f..%2f..%2fetc/passwd",
      "/..\\..\\etc\\passwd",
      "/%5c..%5c..%5cetc%5cpasswd",
      "/index.html%00.css",
      "//etc/passwd",
      "/C:/Windows/win.ini",
      "http://127.0.0.1/etc/passwd",
    ]) {
      const response = await rawGet(port, target);
      expect(response.status, target).toBe(404);
      expect(response.body, target).not.toContain("root:");
    }
  });

  test("answers only requests addressed to localhost or an IP address, so a page of another site cannot read it by DNS rebinding", async () => {
    const port = Number(url.port);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "app.localhost"]) {
      expect((await rawGet(port, "/virt/", host)).status, host).toBe(200);
    }
    for (const host of [`attacker.example:${port}`, "127.0.0.1.attacker.example", ""]) {
      const response = await rawGet(port, "/virt/", host);
      expect(response.status, host).toBe(403);
      expect(response.body, host).not.toContain("Virtualization");
    }
  });

  test("answers an unknown path at any depth with the site's 404 page, styled, with search and a link home", async () => {
    const response = await rawGet(Number(url.port), "/no/such/page/");
    expect(response.status).toBe(404);
    expect(response.head).toMatch(/content-type: text\/html; charset=utf-8/i);
    const notFound = await browser.newPage();
    try {
      const shown = await notFound.goto(new URL("no/such/page/", url).href);
      expect(shown?.status()).toBe(404);
      expect(await notFound.locator("h1").innerText()).toBe("Page not found");
      await notFound.getByRole("searchbox", { name: "Search the lessons" }).waitFor({ timeout: 15_000 });
      const styled = await notFound.evaluate(() =>
        [...document.styleSheets].some((sheet) => sheet.href?.endsWith("/assets/site.css") && sheet.cssRules.length > 0),
      );
      expect(styled).toBe(true);
      await notFound.getByRole("link", { name: "go to the home page" }).click();
      await notFound.waitForURL(new URL("index.html", url).href);
      expect(await notFound.locator("h1").innerText()).toBe("Software Tools for Research Programmers");
    } finally {
      await notFound.close();
    }
  });

  test("serves directory URLs from index.html and each file with its content type", async () => {
    const port = Number(url.port);
    const expected: [string, number, RegExp][] = [
      ["/virt/", 200, /text\/html; charset=utf-8/],
      ["/virt", 302, /location: \/virt\//i],
      ["/assets/site.css", 200, /text\/css; charset=utf-8/],
      ["/assets/site.js", 200, /text\/javascript; charset=utf-8/],
      ["/virt/docker_layers.svg", 200, /image\/svg\+xml/],
      ["/virt/files/faker_bin.py", 200, /text\/plain; charset=utf-8/],
    ];
    for (const [target, status, header] of expected) {
      const response = await rawGet(port, target);
      expect(response.status, target).toBe(status);
      expect(response.head, target).toMatch(header);
    }
  });

  test("stops on SIGINT with exit code 0 and releases the port", async () => {
    const exited = once(dev.child, "exit");
    dev.child.kill("SIGINT");
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(await portIsFree(Number(url.port))).toBe(true);
  });

  test("serves pages replayed from the build cache from memory, with the reload client", async () => {
    const again = await startDev(project);
    try {
      expect(again.stdout()).toMatch(/^built \d+ pages in \d+ ms\n/);
      const served = await rawGet(Number(again.url.port), "/virt/");
      expect(served.status).toBe(200);
      expect(served.body).toContain("A paragraph added while the dev server runs.");
      expect(served.body).toContain('<script src="/__lessons/client.js"');
    } finally {
      again.child.kill("SIGTERM");
      await once(again.child, "exit");
    }
  });
});

describeInBrowser("lessons dev on a course in the older layout", () => {
  let work: string;
  let project: string;
  let dev: DevProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "lessons-dev-older-"));
    project = path.join(work, "course");
    await cp(path.join(repo, "test/sites/older-course"), project, { recursive: true });
    // An older course's cache goes to the operating system's cache folder: here, one the test removes.
    [dev, browser] = await Promise.all([startDev(project, { ...process.env, XDG_CACHE_HOME: path.join(work, "cache") }), connectBrowser()]);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (dev && dev.child.exitCode === null) {
      // Stopped as a user stops it, so it writes nothing into the folder being removed; killed if it has not stopped in 5 s.
      const exited = once(dev.child, "exit");
      dev.child.kill("SIGINT");
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, 5_000, false))]);
      if (!stopped) dev.child.kill("SIGKILL");
    }
    if (work) await rm(work, { recursive: true, force: true });
  });

  /**
   * Mark the open page's window, save, and wait until a reload has replaced the window. A save may be seen as more than
   * one change, and so reload the page more than once: the page is marked once it can be asked, and what the reload
   * shows is polled for by the caller.
   */
  const reloadOf = async (save: () => Promise<void>) => {
    await expect
      .poll(
        () =>
          page
            .evaluate(() => Object.assign(window, { beforeTheSave: true }))
            .then(
              () => true,
              () => false,
            ),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    await save();
    await expect.poll(() => page.evaluate(() => "beforeTheSave" in window).catch(() => true), { timeout: 15_000 }).toBe(false);
  };
  const shown =
    <T>(read: () => Promise<T>) =>
    () =>
      read().catch(() => undefined);

  test("serves a stylesheet saved under static/ with its new bytes, and reloads the example page that uses it", async () => {
    const port = Number(dev.url.port);
    expect((await rawGet(port, "/static/page.css")).body).toContain("font-family: sans-serif;");
    await page.goto(new URL("03_pitfalls/example.html", dev.url).href);
    await reloadOf(() => writeFile(path.join(project, "static/page.css"), "body {\n  color: rgb(102, 51, 153);\n}\n"));
    expect((await rawGet(port, "/static/page.css")).body).toContain("rgb(102, 51, 153)");
    await expect
      .poll(
        shown(() => page.evaluate(() => getComputedStyle(document.body).color)),
        { timeout: 15_000 },
      )
      .toBe("rgb(102, 51, 153)");
  });

  test("reloads the example page when the example itself is saved, with its new text", async () => {
    const example = path.join(project, "03_pitfalls/example.html");
    const text = await readFile(example, "utf8");
    await reloadOf(() => writeFile(example, text.replace("<h1>Two processes</h1>", "<h1>Two processes, saved again</h1>")));
    await expect
      .poll(
        shown(() => page.locator("h1").innerText()),
        { timeout: 15_000 },
      )
      .toBe("Two processes, saved again");
  });

  test("reloads a lesson page when an example file in its folder is saved, as saving the lesson does", async () => {
    await page.goto(new URL("02_procs/", dev.url).href);
    await reloadOf(() => writeFile(path.join(project, "02_procs/run.sh"), "#!/bin/sh\necho saved again\n"));
  });

  test("serves an example file added to a lesson folder, which no lesson links", async () => {
    const port = Number(dev.url.port);
    expect((await rawGet(port, "/02_procs/wait.py")).status).toBe(404);
    await writeFile(path.join(project, "02_procs/wait.py"), "import os\nos.wait()\n");
    await expect.poll(async () => (await rawGet(port, "/02_procs/wait.py")).body, { timeout: 15_000 }).toContain("os.wait()");
  });
});

describe("lessons dev on a course with symbolic links that loop", () => {
  test("serves the site, and stops at the first Ctrl-C with exit code 0", async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), "lessons-dev-loop-"));
    try {
      const project = path.join(work, "course");
      await cp(path.join(repo, "content"), path.join(project, "content"), { recursive: true });
      await cp(path.join(repo, "data-files"), path.join(project, "data-files"), { recursive: true });
      await symlink(".", path.join(project, "content/loop"));
      await symlink("..", path.join(project, "content/virt/up"));
      const dev = await startDev(project);
      const exited = once(dev.child, "exit");
      try {
        const served = await rawGet(Number(dev.url.port), "/virt/");
        expect(served.status).toBe(200);
        expect(dev.stderr()).toBe("");
      } finally {
        dev.child.kill("SIGINT");
      }
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
