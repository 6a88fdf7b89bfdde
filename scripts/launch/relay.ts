import { createInterface } from "node:readline";
import { prettyFactory } from "pino-pretty";
import { isTerminal, prettyOptions } from "../../lib/log/create-logger";
import { launcherLog } from "./log";

/*
 * A child's output, passed on by the launcher. The web app and the sidecars
 * write pino JSON lines that already name their process: they go through
 * unchanged (no prefix, which would break the JSON), or pretty-printed when
 * the launcher's own stdout is a terminal. Anything else a child prints
 * (next build, HAProxy, a crash's stack trace, a config error) becomes a
 * launcher line naming the child, so the whole stream stays JSON.
 */
const toText = isTerminal() ? prettyFactory(prettyOptions) : null;

export function relayLines(stream: NodeJS.ReadableStream | null, child: string, from: "stdout" | "stderr"): void {
  if (!stream) return;
  const out = from === "stdout" ? process.stdout : process.stderr;
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    const entry = parseLogLine(line);
    if (entry) out.write(toText ? toText(entry) : `${line}\n`);
    else if (line.trim() !== "") launcherLog()[from === "stdout" ? "info" : "warn"]({ child }, line);
  });
}

/** A pino line: a JSON object with a numeric level, a time and a msg. */
function parseLogLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith("{")) return null;
  try {
    const entry = JSON.parse(line) as unknown;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return null;
    const fields = entry as Record<string, unknown>;
    return typeof fields.level === "number" && typeof fields.time === "number" ? fields : null;
  } catch {
    return null;
  }
}
