import type { Point, Position } from "unist";
import type { VFile } from "vfile";
import { location, type Location } from "vfile-location";

declare module "vfile" {
  interface DataMap {
    /** Converts offsets in the file's text to points, made once per file. */
    locator: Location;
  }
}

/** Converts offsets in a file's text to points, memoised on the file. */
export function pointAt(file: VFile, offset: number): Point {
  file.data.locator ??= location(file);
  const point = file.data.locator.toPoint(offset);
  return point ?? { line: 1, column: 1, offset };
}

/** The position of `length` characters at `offset` in the file. */
export function spanAt(file: VFile, offset: number, length: number): Position {
  return { start: pointAt(file, offset), end: pointAt(file, offset + length) };
}

/** The file's source text covered by a node's position, and where it starts. */
export function sourceOf(file: VFile, position: Position | undefined): { text: string; offset: number } | undefined {
  const start = position?.start.offset;
  const end = position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return { text: String(file.value).slice(start, end), offset: start };
}
