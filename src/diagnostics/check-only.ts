import type { VFileMessage } from "vfile-message";
import { rules, type RuleId } from "./rules.js";

/** Whether a message comes from a lint `lessons check` reports but `build` and `dev` do not (a rule marked `checkOnly`). */
function isCheckOnly(message: VFileMessage): boolean {
  const rule = message.ruleId;
  return rule !== undefined && rule in rules && "checkOnly" in rules[rule as RuleId];
}

/** The messages a reader's build reports: all of them but the check-only lints. */
export function withoutCheckOnly(messages: VFileMessage[]): VFileMessage[] {
  return messages.filter((message) => !isCheckOnly(message));
}
