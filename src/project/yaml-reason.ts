/** The first line of a `yaml` error message without the "at line 2, column 1:" the diagnostic's position already says. */
export function yamlReason(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
}
