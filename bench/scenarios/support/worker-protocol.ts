import type { BenchUser } from "./fixtures";

/** Parent → load-generator worker (IPC). Clients use users and rooms round-robin. */
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
  | { cmd: "drop"; timeoutMs: number }
  | { cmd: "close" };

/** Worker → parent: exactly one per command (none for close). */
export type WorkerReply =
  | { evt: "opened"; opened: number; failed: number; firstError: string }
  | { evt: "sent"; acksInWindow: number; acks: number; errors: number; lastError: string }
  /** why: what the first few clients that did not catch up were waiting for. */
  | { evt: "caughtUp"; caughtUp: number; failed: number; ms: number; retries: number; why: string[] }
  | { evt: "failed"; error: string };
