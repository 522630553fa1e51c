import type { Node, Point, Position } from "unist";
import type { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { rules, type RuleId, type Severity } from "./rules.js";

/** Where a diagnostic points: a node, a position, a point, or nothing (the whole file). */
export type Place = Node | Position | Point | undefined;

function toPlace(place: Place): Position | Point | undefined {
  if (!place) return undefined;
  if ("type" in place) return place.position;
  return place;
}

/**
 * Report a problem on `file` under a rule: the message carries `ruleId`,
 * `source: "lessons"` and the rule's severity (`fatal: true` for errors)
 * unless `severity` overrides it for this occurrence.
 */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place, severity?: Severity): VFileMessage {
  const message = file.message(reason, { place: toPlace(place), ruleId, source: "lessons" });
  message.fatal = (severity ?? rules[ruleId].severity) === "error";
  return message;
}

/** True when the message is an error (fails the build). */
export function isError(message: VFileMessage): boolean {
  return message.fatal === true;
}
