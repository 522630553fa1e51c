import { spawn } from "node:child_process";

/** Open `url` in the default browser; a failure (no desktop, no opener) is only reported through `onError`. */
export function openBrowser(url: string, onError: (error: Error) => void): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  const child = spawn(command, args, { stdio: "ignore", detached: true });
  child.once("error", onError);
  child.unref();
}
