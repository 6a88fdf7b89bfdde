import type { ClientSpec } from "./client";
import type { Dialect } from "./dialects";

/* The parent <-> worker messages (over the Node IPC channel). */
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
export type Command =
  | OpenCommand
  | LoadCommand
  | { cmd: "stats" }
  | { cmd: "histogram"; reset: boolean }
  | { cmd: "drop" }
  | { cmd: "exit" };

export type OpenResult = { requested: number; subscribed: number; failed: number; failures: string[]; elapsedMs: number };
export type LoadResult = { sent: number; elapsedMs: number };

export type Request = Command & { id: number };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
