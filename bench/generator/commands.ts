import type { ClientSpec } from "./client";
import type { Dialect } from "./dialects";

/* What LoadGenerator asks its workers (through WorkerPool) and what they answer. */
export type OpenCommand = {
  cmd: "open";
  url: string;
  dialect: Dialect;
  clients: ClientSpec[];
  localAddresses: string[];
  timeoutMs: number;
  /** Handshakes in flight at once per worker. */
  concurrency: number;
};
export type LoadCommand = { cmd: "load"; ratePerSecond: number; durationMs: number; bodyBytes: number };
export type Command = OpenCommand | LoadCommand | { cmd: "stats" } | { cmd: "histogram"; reset: boolean } | { cmd: "drop" };

export type OpenResult = { requested: number; subscribed: number; failed: number; failures: string[]; elapsedMs: number };
export type LoadResult = { sent: number; elapsedMs: number };
