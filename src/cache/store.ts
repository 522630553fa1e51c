import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { filesUnder } from "../project/files-under.js";
import { racyWindowMs } from "../project/file-times.js";
import { isWithin } from "../project/safe-path.js";
import { hashFile, hashParts, listFolder, readFolder, type FolderReader } from "../project/hash.js";
import { allEntryKinds, type EntryKind } from "./entries.js";
import { seal, unseal } from "./sealed.js";

/**
 * Bump when the cache's layout or the meaning of an entry changes. The
 * generator's own compiled code is part of every key anyway (see
 * {@link generatorFingerprint}), so code changes need no bump.
 */
const cacheFormat = "lessons-cache-2";

/** The operating system's folder for caches: `$XDG_CACHE_HOME`, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows, else `~/.cache`. */
export function osCacheFolder(): string {
  const home = os.homedir();
  if (process.env.XDG_CACHE_HOME) return process.env.XDG_CACHE_HOME;
  if (process.platform === "darwin") return path.join(home, "Library", "Caches");
  if (process.platform === "win32" && process.env.LOCALAPPDATA) return process.env.LOCALAPPDATA;
  return path.join(home, ".cache");
}

/**
 * The folder a project's cache lives in: `<root>/.lessons-cache` for a
 * lessons project (a `content/` folder), when the site is built inside the
 * root (the default `dist/`), or when that folder exists already. A course
 * in the older layout built elsewhere (`--out ../site`) or served by
 * `lessons dev` gets no new folder in its sources: its cache is
 * `lessons/<hash of the root's path>` in the operating system's cache folder.
 */
export function defaultCacheDir(root: string, out?: string, osCache: () => string = osCacheFolder): string {
  const inRoot = path.join(root, ".lessons-cache");
  const ownProject = existsSync(inRoot) || existsSync(path.join(root, "content"));
  if (ownProject || (out !== undefined && isWithin(root, out))) return inRoot;
  return path.join(osCache(), "lessons", hashParts([path.resolve(root)]).slice(0, 16));
}

/**
 * A persistent, content-addressed store for one project: entries are named
 * by a hash of everything that went into them, so an entry is never
 * updated, only written once and read many times. Writes go to a temporary
 * file that is then renamed, so a reader (another build, the dev server)
 * never sees half an entry; an unreadable entry is simply a miss, and a
 * write that fails (a read-only project, a full disk) is simply not cached.
 */
export interface BuildCache {
  readonly dir: string;
  /** A hash of this generator: its compiled code, its dependencies' versions, the Node.js major version. */
  readonly fingerprint: string;
  /** The value stored under `key`, or undefined. Values are stored with V8's serializer (structured clone). */
  read<T>(kind: EntryKind, key: string): T | undefined;
  /** Store `value` under `key`; returns whether {@link read} can give it back (false when it could not be written). */
  write(kind: EntryKind, key: string, value: unknown): boolean;
  /** Store bytes under the hash of their contents, which it returns. */
  writeBlob(contents: string | Uint8Array): string;
  /** The absolute path of a stored blob, or undefined when it is gone. */
  blobFile(hash: string): string | undefined;
  /** The hash of the blob a file is (as {@link blobFile} gives it), or undefined when it is not one. */
  blobHashOf(file: string): string | undefined;
  /** The bytes of a stored blob, or undefined when it is gone. */
  blob(hash: string): Buffer | undefined;
  /** A stored blob as UTF-8 text (a page), or undefined when it is gone. */
  blobText(hash: string): string | undefined;
  /**
   * The hash of a project file's bytes (see `hash.ts`). Hashes are
   * remembered with the file's size, time and inode, in memory and, after
   * {@link saveFileHashes}, on disk for the next build: a file whose stat
   * is unchanged is not read again.
   */
  hashFile(file: string): string;
  /** Why the cache could not write an entry, the first time it could not (a full disk, a read-only folder), or undefined. */
  readonly writeProblem: string | undefined;
  /** Keep the hashes of the files this build hashed for the next build (written only when they changed). */
  saveFileHashes(): void;
  /**
   * Tell a cache opened with `watched` which paths a file watcher saw
   * change (files or folders, absolute): what it remembers for them, for
   * anything under them and for the folders that hold them is checked
   * against the disk again.
   */
  changed(paths: Iterable<string>): void;
  /** Every name under a project folder (see `listFolder` in `hash.ts`), each folder's entries remembered likewise. */
  listFolder(dir: string): string[];
  /** Mark an entry as used by this build without reading it (see {@link pruneUnused}); reading or writing one marks it too. */
  use(kind: EntryKind, key: string): void;
  /** Start a build: from now on, {@link pruneUnused} keeps only the entries it uses. */
  beginBuild(): void;
  /**
   * Delete every entry, of every kind, that the build begun last did not
   * use, so the cache holds one site's worth of entries, not every version
   * of it.
   */
  pruneUnused(): void;
}

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The installed version of a dependency, found the way Node.js finds it: in `node_modules` folders up from the package. */
function installedVersion(name: string): string {
  for (let dir = packageRoot; ; dir = path.dirname(dir)) {
    const manifest = readJson(path.join(dir, "node_modules", name, "package.json"));
    if (manifest) return String(manifest.version);
    if (path.dirname(dir) === dir) return "?";
  }
}

/**
 * What the generator itself contributes to every cache key: the cache
 * format, the Node.js major version, this package's compiled code (so a
 * changed generator never reuses entries of an older one), the versions of
 * its dependencies and npm's record of the installed tree.
 */
export function generatorFingerprint(): string {
  const manifest = readJson(path.join(packageRoot, "package.json")) ?? {};
  const dependencies = Object.keys((manifest.dependencies as Record<string, string> | undefined) ?? {}).sort();
  const parts: (string | Uint8Array)[] = [cacheFormat, process.versions.node.split(".")[0] ?? "", String(manifest.version)];
  for (const name of dependencies) parts.push(`${name}@${installedVersion(name)}`);
  const installed = path.join(packageRoot, "node_modules", ".package-lock.json");
  if (existsSync(installed)) parts.push(readFileSync(installed));
  const lib = fileURLToPath(new URL("../", import.meta.url));
  for (const file of filesUnder(lib).filter((name) => name.endsWith(".js"))) parts.push(path.relative(lib, file), readFileSync(file));
  return hashParts(parts);
}

/** A value computed from a file or folder, with the stat it was computed under. */
interface Remembered<T> {
  size: number;
  mtimeMs: number;
  ino: number;
  value: T;
}

/**
 * Paths whose remembered values were checked against their stat while a
 * file watcher was watching them, so they need no stat until the watcher
 * reports a change (see `openBuildCache`'s `watched`).
 */
interface Confirmed {
  paths: Set<string>;
  watched: (path: string) => boolean;
}

/** The stat of `file`, or undefined when there is none (missing, or under something that is not a folder). */
function statIfAny(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * `compute(file)`, or the value `memo` holds for `file` while its stat is
 * the one that value was computed under (or, for a confirmed path, without
 * a stat at all).
 */
function byStat<T>(memo: Map<string, Remembered<T>>, file: string, compute: (file: string) => T, confirmed?: Confirmed): T {
  const trusted = confirmed?.paths.has(file) ? memo.get(file) : undefined;
  if (trusted) return trusted.value;
  const stats = statIfAny(file);
  if (!stats) {
    memo.delete(file);
    return compute(file);
  }
  const confirm = () => {
    if (confirmed?.watched(file)) confirmed.paths.add(file);
  };
  const known = memo.get(file);
  if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs && known.ino === stats.ino) {
    confirm();
    return known.value;
  }
  const computedAt = Date.now();
  const value = compute(file);
  if (stats.mtimeMs < computedAt - racyWindowMs) {
    memo.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, value });
    confirm();
  }
  return value;
}

/** Forget that `changed`, everything under it and every folder above it were confirmed. */
function unconfirm(confirmed: Confirmed, changed: string): void {
  const inside = changed + path.sep;
  for (const known of confirmed.paths) if (known.startsWith(inside)) confirmed.paths.delete(known);
  for (let at = changed; ; at = path.dirname(at)) {
    confirmed.paths.delete(at);
    if (path.dirname(at) === at) break;
  }
}

/** The file hashes an earlier build kept (any entry not of this shape is dropped), or none. */
function readHashes(file: string): Map<string, Remembered<string>> {
  let entries: [string, Remembered<string>][] | undefined;
  try {
    entries = unseal<[string, Remembered<string>][]>(readFileSync(file));
  } catch {
    entries = undefined;
  }
  if (!Array.isArray(entries)) return new Map();
  return new Map(entries.filter(([, entry]) => typeof entry?.value === "string"));
}

/** How to open a cache (see {@link openBuildCache}). */
export interface CacheOptions {
  /** Keep entries, blobs and folder listings in memory between builds (the dev server). */
  remember?: boolean;
  /**
   * The paths a file watcher reports changes for, when one runs (the dev
   * server's): a file hash or folder listing of such a path, once checked
   * against the disk, is trusted without a `stat` until
   * {@link BuildCache.changed} names it. Only with `remember`.
   */
  watched?: (path: string) => boolean;
}

/**
 * Open (or start) the cache in `dir`; nothing is written until a build
 * stores something. A cache opened with `remember` (by the dev server, which
 * builds many times in one process) also keeps in memory every entry and
 * blob it reads or writes, and the listings of project folders, so a
 * rebuild reads from disk only what changed. Entries never change once
 * written, so what it remembers stays true; values it hands out are shared,
 * not copied.
 */
export function openBuildCache(dir: string, options: CacheOptions = {}): BuildCache {
  const root = path.join(path.resolve(dir), "v1");
  const folder = (kind: EntryKind) => path.join(root, kind);
  const fileOf = (kind: EntryKind, key: string) => path.join(folder(kind), key);
  const created = new Set<string>();
  let writeProblem: string | undefined;
  /**
   * Write `file` under a temporary name, then rename it into place (with
   * `mode`); a failure leaves nothing behind, is remembered for
   * {@link BuildCache.writeProblem} and is not an error. Returns whether the file was written.
   */
  const writeWhole = (file: string, bytes: string | Uint8Array, mode = 0o644): boolean => {
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const dir = path.dirname(file);
    try {
      if (!created.has(dir)) {
        mkdirSync(dir, { recursive: true });
        created.add(dir);
      }
      writeFileSync(temporary, bytes, { mode });
      renameSync(temporary, file);
      return true;
    } catch (error) {
      // A folder removed meanwhile is made again by the next write.
      created.delete(dir);
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Its folder is not there, or not a folder: nothing was left behind.
      }
      writeProblem ??= `${(error as NodeJS.ErrnoException).code ?? "error"}: ${(error as Error).message}`;
      return false;
    }
  };
  const store = (kind: EntryKind, key: string, bytes: string | Uint8Array) => writeWhole(fileOf(kind, key), bytes);
  /** Whether a blob's file holds the bytes its name is the hash of (by its stat, as project files are, so mostly without reading it). */
  /** Blobs this build wrote, whose bytes it hashed as it wrote them: not read back to be checked. */
  let written = new Set<string>();
  const intact = (hash: string) => written.has(hash) || hashOf(fileOf("blob", hash)) === hash;
  let fingerprint: string | undefined;
  const entries = options.remember ? new Map<string, unknown>() : undefined;
  const blobs = options.remember ? new Map<string, Buffer>() : undefined;
  const hashesFile = path.join(root, "file-hashes");
  let hashes: Map<string, Remembered<string>> | undefined;
  const hashed = new Set<string>();
  let hashesChanged = false;
  const knownHashes = () => {
    hashes ??= readHashes(hashesFile);
    return hashes;
  };
  const confirmed: Confirmed | undefined = options.remember && options.watched ? { paths: new Set(), watched: options.watched } : undefined;
  const texts = options.remember ? new Map<string, string>() : undefined;
  const listings = new Map<string, Remembered<ReturnType<FolderReader>>>();
  const readEntries: FolderReader = options.remember ? (folder) => byStat(listings, folder, readFolder, confirmed) : readFolder;
  let used = new Map<EntryKind, Set<string>>();
  const use = (kind: EntryKind, key: string) => {
    let keys = used.get(kind);
    if (!keys) used.set(kind, (keys = new Set()));
    keys.add(key);
  };
  const prune = (kind: EntryKind, keep: ReadonlySet<string>) => {
    let names: string[];
    try {
      names = readdirSync(folder(kind));
    } catch {
      return;
    }
    for (const name of names) {
      if (keep.has(name) || name.endsWith(".tmp")) continue;
      entries?.delete(`${kind}/${name}`);
      if (kind === "blob") {
        blobs?.delete(name);
        texts?.delete(name);
      }
      try {
        rmSync(fileOf(kind, name), { force: true });
      } catch {
        // Left for a later build to remove; an extra entry is only wasted space.
      }
    }
  };
  const readEntry = <T>(kind: EntryKind, key: string): T | undefined => {
    try {
      return unseal<T>(readFileSync(fileOf(kind, key)));
    } catch {
      return undefined;
    }
  };
  const hashOf = (file: string) => {
    hashed.add(file);
    const memo = knownHashes();
    const before = memo.get(file);
    const hash = byStat(memo, file, hashFile, confirmed);
    if (memo.get(file) !== before) hashesChanged = true;
    return hash;
  };
  return {
    dir: path.resolve(dir),
    get fingerprint() {
      fingerprint ??= generatorFingerprint();
      return fingerprint;
    },
    read<T>(kind: EntryKind, key: string): T | undefined {
      const name = `${kind}/${key}`;
      const value = entries?.has(name) ? (entries.get(name) as T) : readEntry<T>(kind, key);
      if (value === undefined) return undefined;
      entries?.set(name, value);
      use(kind, key);
      return value;
    },
    get writeProblem() {
      return writeProblem;
    },
    write(kind, key, value) {
      const written = store(kind, key, seal(value));
      entries?.set(`${kind}/${key}`, value);
      use(kind, key);
      return written || entries !== undefined;
    },
    use,
    beginBuild() {
      used = new Map();
      written = new Set();
    },
    pruneUnused() {
      for (const kind of allEntryKinds) prune(kind, used.get(kind) ?? new Set());
    },
    writeBlob(contents) {
      const hash = hashParts([contents]);
      use("blob", hash);
      // Read-only, so that nothing writes into it through a hard link of the output; replaced when it is not intact.
      if (!intact(hash) && writeWhole(fileOf("blob", hash), contents, 0o444)) written.add(hash);
      if (typeof contents === "string") texts?.set(hash, contents);
      else blobs?.set(hash, Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength));
      return hash;
    },
    blobFile(hash) {
      if (!intact(hash)) return undefined;
      use("blob", hash);
      return fileOf("blob", hash);
    },
    blobHashOf(file) {
      return path.dirname(file) === folder("blob") ? path.basename(file) : undefined;
    },
    blob(hash) {
      use("blob", hash);
      const known = blobs?.get(hash);
      if (known) return known;
      const text = texts?.get(hash);
      if (text !== undefined) {
        const bytes = Buffer.from(text);
        blobs?.set(hash, bytes);
        return bytes;
      }
      try {
        const bytes = readFileSync(fileOf("blob", hash));
        if (hashParts([bytes]) !== hash) return undefined;
        blobs?.set(hash, bytes);
        return bytes;
      } catch {
        return undefined;
      }
    },
    blobText(hash) {
      use("blob", hash);
      const known = texts?.get(hash);
      if (known !== undefined) return known;
      try {
        const bytes = readFileSync(fileOf("blob", hash));
        if (hashParts([bytes]) !== hash) return undefined;
        const text = bytes.toString("utf8");
        texts?.set(hash, text);
        return text;
      } catch {
        return undefined;
      }
    },
    hashFile: hashOf,
    saveFileHashes() {
      const kept = [...knownHashes()].filter(([file]) => hashed.has(file));
      if (hashesChanged || kept.length !== knownHashes().size) {
        writeWhole(hashesFile, seal(kept));
        hashes = new Map(kept);
        hashesChanged = false;
      }
      if (!options.remember) hashed.clear();
    },
    changed(paths) {
      if (!confirmed) return;
      for (const changed of paths) unconfirm(confirmed, changed);
    },
    listFolder(dir) {
      return listFolder(dir, readEntries);
    },
  };
}
