import { hostname } from "node:os";
import { pino, type LevelWithSilent, type Logger } from "pino";
import pretty from "pino-pretty";

/*
 * The one way every process logs: pino JSON lines on stdout, one object per
 * line, each naming its process ("web", "realtime", "launcher", "migrate")
 * and, for a sidecar, its node. A log collector reads them as they are. On a
 * terminal (a person watching) the same lines are pretty-printed instead.
 */
export type ProcessName = "web" | "realtime" | "launcher" | "migrate";

export type LoggerOptions = {
  name: ProcessName;
  level: LevelWithSilent;
  /** More fields on every line, e.g. { node } for a sidecar. */
  base?: Record<string, unknown>;
  /** Pretty-print; default: only when stdout is a terminal. */
  pretty?: boolean;
};

export function createLogger({ name, level, base = {}, pretty: human = isTerminal() }: LoggerOptions): Logger {
  const options = { name, level, base: { pid: process.pid, hostname: hostname(), ...base } };
  // sync: a line is written before the next one, and before a process.exit that follows it.
  return human ? pino(options, pretty(prettyOptions)) : pino(options);
}

export const prettyOptions = { colorize: true, sync: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" };

export function isTerminal(): boolean {
  return process.stdout.isTTY === true;
}
