import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LockedElsewhere, lockFolder, type LockHolder } from "../../src/write/folder-lock.js";

describe("lockFolder", () => {
  let work: string;
  let lockFile: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lessons-lock-"));
    lockFile = path.join(work, ".dist.lessons-lock");
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("names this process in its file while held, and removes the file when released", async () => {
    const lock = await lockFolder(lockFile, () => undefined);
    expect(readFileSync(lockFile, "utf8")).toMatch(new RegExp(`^${process.pid} ${os.hostname()}( \\d+)?\\n$`));
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("waits for a live holder, saying so once, and takes the lock when it is released", async () => {
    const first = await lockFolder(lockFile, () => undefined);
    const waits: LockHolder[] = [];
    let second: Awaited<ReturnType<typeof lockFolder>> | undefined;
    const taking = lockFolder(lockFile, (holder) => waits.push(holder)).then((lock) => (second = lock));
    await expect.poll(() => waits).toEqual([{ pid: process.pid, host: os.hostname() }]);
    expect(second).toBeUndefined();
    first.release();
    await taking;
    expect(second).toBeDefined();
    second?.release();
  });

  it("takes over the lock of a process that is gone", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(lockFile, `${gone} ${os.hostname()}\n`);
    const waits: LockHolder[] = [];
    const lock = await lockFolder(lockFile, (holder) => waits.push(holder));
    expect(waits).toEqual([]);
    expect(readFileSync(lockFile, "utf8")).toMatch(new RegExp(`^${process.pid} `));
    lock.release();
    expect(readdirSync(work)).toEqual([]);
  });

  it("refuses a lock held on another machine, naming the holder", async () => {
    writeFileSync(lockFile, "4242 build-server\n");
    const refusal = lockFolder(lockFile, () => undefined);
    await expect(refusal).rejects.toBeInstanceOf(LockedElsewhere);
    await expect(refusal).rejects.toMatchObject({ lockFile, holder: { pid: 4242, host: "build-server" } });
    expect(readFileSync(lockFile, "utf8")).toBe("4242 build-server\n");
  });
});
