import { fileURLToPath } from "node:url";
import { WorkerPool } from "../../lib/pool";
import type { BenchUser } from "../../lib/seed";

/*
 * Session workers (worker.ts): load-generator processes whose sockets act as
 * browsers do, for the storm, persist and memory scenarios.
 */
const workerScript = fileURLToPath(new URL("./worker.ts", import.meta.url));

export const startSessionWorkers = (count: number, logDir: string) =>
  WorkerPool.start<WorkerCommand>({ script: workerScript, name: "sessions", count, logDir });

/** What a scenario asks a session worker. Clients use users and rooms round-robin. */
export type WorkerCommand =
  | {
      cmd: "open";
      port: number;
      secret: string;
      users: BenchUser[];
      rooms: string[];
      count: number;
      localAddresses: string[];
      /** Handshakes at a time. */
      concurrency: number;
      subscribe: boolean;
    }
  | { cmd: "send"; inFlight: number; warmupMs: number; durationMs: number; intervalMs?: number }
  | { cmd: "drop"; timeoutMs: number };

/** Worker → scenario: one answer per command; a failure rejects the call instead. */
export type WorkerReply =
  | { evt: "opened"; opened: number; failed: number; firstError: string }
  | { evt: "sent"; acksInWindow: number; acks: number; errors: number; lastError: string }
  /** why: what the first few clients that did not catch up were waiting for. */
  | { evt: "caughtUp"; caughtUp: number; failed: number; ms: number; retries: number; why: string[] };
