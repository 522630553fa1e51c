import type { Point, Position } from "unist";
import type { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";

/**
 * A diagnostic as plain data, so it can cross a worker thread (structured
 * clone drops an Error subclass's own fields) and be stored in the cache.
 */
export interface SerializedMessage {
  reason: string;
  place: Point | Position | undefined;
  ruleId: string | undefined;
  source: string | undefined;
  fatal: boolean | undefined;
  file: string | undefined;
  actual: string | undefined;
  expected: string[] | undefined;
  note: string | undefined;
  url: string | undefined;
}

/** Every message of `file` as plain data. */
export function serializeMessages(messages: readonly VFileMessage[]): SerializedMessage[] {
  return messages.map((message) => ({
    reason: message.reason,
    place: message.place ?? undefined,
    ruleId: message.ruleId ?? undefined,
    source: message.source ?? undefined,
    fatal: message.fatal ?? undefined,
    file: message.file,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    url: message.url,
  }));
}

/** Recreate serialized messages as `VFileMessage`s on `file` (in order), as if they had been reported on it. */
export function restoreMessages(file: VFile, messages: readonly SerializedMessage[]): void {
  for (const saved of messages) {
    const message = file.message(saved.reason, { place: saved.place, ruleId: saved.ruleId, source: saved.source });
    message.fatal = saved.fatal;
    if (saved.file !== undefined) message.file = saved.file;
    if (saved.actual !== undefined) message.actual = saved.actual;
    if (saved.expected !== undefined) message.expected = saved.expected;
    if (saved.note !== undefined) message.note = saved.note;
    if (saved.url !== undefined) message.url = saved.url;
  }
}
