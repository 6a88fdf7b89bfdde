import type { Logger } from "pino";
import type { Db } from "../db/client";
import type { BatchWriter } from "./batch-writer";
import type { RealtimeConfig } from "./env";
import type { RoomFanout } from "./fanout";
import type { Presence } from "./presence/presence";
import type { FrameLimiters } from "./frame-limiters";
import type { Readiness } from "./health";
import type { Throttle } from "./rate-limit";
import type { RoomReads } from "./room-reads";

/** Everything a frame handler may use; built once by server.ts. */
export type SidecarContext = {
  config: RealtimeConfig;
  db: Db;
  log: Logger;
  fanout: RoomFanout;
  writer: BatchWriter;
  presence: Presence;
  /** Per user and frame kind (send, edit, delete, react, read, subscribe), shared across sidecars with Redis. */
  limiters: FrameLimiters;
  /** Reads many sockets ask at once (lastSeq, replays, stored resends), batched per event-loop turn. */
  reads: RoomReads;
  typingThrottle: Throttle;
  /** Draining (SIGTERM): inbound frames are dropped unanswered and new sockets closed 1001 (drain.ts). */
  readiness: Readiness;
  /** Keep a piece of async work alive until shutdown has waited for it. */
  track: (work: Promise<unknown>) => void;
};
