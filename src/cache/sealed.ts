import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";

/** Length of the SHA-256 digest that starts every entry file. */
const digestLength = 32;

function digestOf(payload: Uint8Array): Buffer {
  return createHash("sha256").update(payload).digest();
}

/** A value as an entry file holds it: the SHA-256 of its serialised bytes, then those bytes. */
export function seal(value: unknown): Buffer {
  const payload = serialize(value);
  return Buffer.concat([digestOf(payload), payload]);
}

/**
 * The value an entry file holds, or undefined when its bytes are not what
 * was written (truncated, flipped, another format): a damaged entry is a
 * miss, never a value the build would trip over.
 */
export function unseal<T>(bytes: Buffer): T | undefined {
  if (bytes.length < digestLength) return undefined;
  const payload = bytes.subarray(digestLength);
  if (!digestOf(payload).equals(bytes.subarray(0, digestLength))) return undefined;
  try {
    return deserialize(payload) as T;
  } catch {
    return undefined;
  }
}
