import { readFileSync } from "node:fs";

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** A file's text, and whether its bytes were valid UTF-8 (invalid bytes become U+FFFD). */
export interface Text {
  text: string;
  validUtf8: boolean;
}

/** Read a file as UTF-8 without throwing on invalid bytes. */
export function readText(file: string): Text {
  const bytes = readFileSync(file);
  let text: string;
  let validUtf8 = true;
  try {
    text = strict.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    validUtf8 = false;
  }
  return { text, validUtf8 };
}
