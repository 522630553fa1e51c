import { readFileSync } from "node:fs";

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** A file's text, and where its bytes stopped being valid UTF-8 (invalid bytes become U+FFFD). */
export interface Text {
  text: string;
  validUtf8: boolean;
  /** Offset in `text` of the first replacement for an invalid byte, when `validUtf8` is false. */
  invalidAt: number | undefined;
}

function decodesAsPrefix(bytes: Uint8Array): boolean {
  try {
    // `stream` accepts a sequence cut off at the end, so only bytes that are invalid in any continuation fail.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The offset in the decoded text where the first invalid byte of `bytes` shows, by bisecting on prefixes. */
function firstInvalidOffset(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (decodesAsPrefix(bytes.subarray(0, middle))) valid = middle;
    else invalid = middle;
  }
  return new TextDecoder("utf-8").decode(bytes.subarray(0, valid), { stream: true }).length;
}

/** Read a file as UTF-8 without throwing on invalid bytes. */
export function readText(file: string): Text {
  return decodeText(readFileSync(file));
}

/** A file's bytes as UTF-8 text, invalid bytes as U+FFFD. */
export function decodeText(bytes: Uint8Array): Text {
  try {
    return { text: strict.decode(bytes), validUtf8: true, invalidAt: undefined };
  } catch {
    return { text: lenient.decode(bytes), validUtf8: false, invalidAt: firstInvalidOffset(bytes) };
  }
}
