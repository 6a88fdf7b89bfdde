import { hostname } from "node:os";
import type { LevelWithSilent } from "pino";
import { parseEnv, type EnvSource } from "../config/parse-env";
import { realtimeEnv, type RealtimeEnv } from "../config/realtime";
import type { DbPoolOptions } from "../db/client";

/*
 * The sidecar's whole configuration, parsed once at boot from the variables of
 * config/realtime.ts. A bad value throws a ConfigError naming the variable and
 * why; main.ts prints it and exits 1, so a typo never turns into a silently
 * different limit.
 */
export type RealtimeLimits = {
  maxFrameBytes: number;
  maxBodyCodePoints: number;
  sendRateLimit: number;
  sendRateWindowSeconds: number;
  /** Edits, deletes, reactions, read markers and subscribes per user per frameRateWindowSeconds. */
  editRateLimit: number;
  deleteRateLimit: number;
  reactRateLimit: number;
  readRateLimit: number;
  subscribeRateLimit: number;
  frameRateWindowSeconds: number;
  maxReactionsPerMessage: number;
  maxRoomsPerSocket: number;
  typingIntervalMs: number;
  recoverMaxChanges: number;
  presenceListMax: number;
  presenceIntervalMs: number;
};

export type RealtimeConfig = {
  databaseUrl: string;
  /** Where LISTEN connects: a session of its own, never a transaction-mode pooler (default databaseUrl). */
  databaseListenUrl: string;
  /** The pool on databaseUrl: connections (max) and named prepared statements (prepare). */
  databasePool: DbPoolOptions;
  nextAuthSecret: string;
  host: string;
  /** 0 picks any free port (tests). */
  port: number;
  allowedOrigins: string[];
  nodeId: string;
  logLevel: LevelWithSilent;
  limits: RealtimeLimits;
  batch: { maxMessages: number; windowMs: number; lanes: number };
  /**
   * Unset redisUrl: one sidecar, local broker, in-memory presence and limits.
   * redisMode `cluster`: redisUrl and seeds (host:port) are seed nodes of a Redis Cluster, fan-out is sharded pub/sub.
   */
  cluster: { redisUrl: string | undefined; keyPrefix: string; redisMode: "single" | "cluster"; seeds: string[] };
  /** graceMs: how long a user's last socket may be gone before they show offline (reloads do not flicker). */
  presence: { graceMs: number; heartbeatMs: number; ttlMs: number };
  /** Own limit on a socket's send buffer; over it the socket is closed 4009 (it recovers with since). */
  maxBackpressureBytes: number;
  /**
   * What one socket may hold besides its send buffer, each closed 4009 past it:
   * how long a replay waits for the client to drain half its send buffer; the
   * live frames kept for it while its replay runs; the inbound frames (and
   * sends awaiting commit) it has queued, in characters.
   */
  socketMemory: { replayDrainTimeoutMs: number; replayBufferBytes: number; maxQueuedBytes: number };
  /** Database catch-up of frames the broker lost: wait graceMs on a gap; sweep rooms every sweepMs (pollMs while the broker is down). */
  catchUp: { graceMs: number; sweepMs: number; pollMs: number };
  /**
   * Upgrades per client address per window (shared through Redis when set);
   * open sockets per user and per address (per sidecar); how many proxies in
   * front append to X-Forwarded-For (0: the socket's peer is the client).
   */
  connections: {
    upgradeRateLimit: number;
    upgradeRateWindowSeconds: number;
    maxSocketsPerUser: number;
    maxSocketsPerAddress: number;
    trustedProxyHops: number;
  };
  /** Prometheus /metrics on its own host and port (never the public one); port undefined: no metrics server. */
  metrics: { host: string; port: number | undefined };
  /** A graceful stop's deadline: past it the process exits non-zero (main.ts). */
  shutdownTimeoutMs: number;
};

/** Origins compare as scheme://host[:port], lower case, no trailing slash. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, "");
}

export function loadRealtimeConfig(env: EnvSource = process.env): RealtimeConfig {
  const e = parseEnv(realtimeEnv, env);
  const origins = e.ALLOWED_ORIGINS ?? [`http://127.0.0.1:${e.WEB_PORT}`, `http://localhost:${e.WEB_PORT}`];
  return {
    databaseUrl: e.DATABASE_URL,
    databaseListenUrl: e.DATABASE_LISTEN_URL ?? e.DATABASE_URL,
    databasePool: { max: e.DATABASE_POOL_SIZE, prepare: e.DATABASE_PREPARE },
    nextAuthSecret: e.NEXTAUTH_SECRET,
    host: e.REALTIME_HOST,
    port: e.REALTIME_PORT,
    allowedOrigins: origins.map(normalizeOrigin).filter(Boolean),
    nodeId: e.NODE_ID ?? `${hostname()}:${e.REALTIME_PORT}`,
    logLevel: e.LOG_LEVEL,
    limits: limitsOf(e),
    batch: { maxMessages: e.BATCH_MAX_MESSAGES, windowMs: e.BATCH_WINDOW_MS, lanes: e.BATCH_LANES },
    cluster: { redisUrl: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, redisMode: e.REDIS_MODE, seeds: e.REDIS_CLUSTER_NODES ?? [] },
    presence: { graceMs: e.PRESENCE_GRACE_MS, heartbeatMs: e.PRESENCE_HEARTBEAT_MS, ttlMs: e.PRESENCE_TTL_MS },
    maxBackpressureBytes: e.MAX_BACKPRESSURE_BYTES,
    socketMemory: {
      replayDrainTimeoutMs: e.REPLAY_DRAIN_TIMEOUT_MS,
      replayBufferBytes: e.REPLAY_BUFFER_MAX_BYTES,
      maxQueuedBytes: e.MAX_QUEUED_BYTES,
    },
    catchUp: { graceMs: e.CATCHUP_GRACE_MS, sweepMs: e.CATCHUP_SWEEP_MS, pollMs: e.CATCHUP_POLL_MS },
    connections: {
      upgradeRateLimit: e.UPGRADE_RATE_LIMIT,
      upgradeRateWindowSeconds: e.UPGRADE_RATE_WINDOW_SECONDS,
      maxSocketsPerUser: e.MAX_SOCKETS_PER_USER,
      maxSocketsPerAddress: e.MAX_SOCKETS_PER_ADDRESS,
      trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    },
    metrics: { host: e.METRICS_HOST, port: e.REALTIME_METRICS_PORT },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

function limitsOf(e: RealtimeEnv): RealtimeLimits {
  return {
    maxFrameBytes: e.MAX_FRAME_BYTES,
    maxBodyCodePoints: e.MAX_BODY_CODE_POINTS,
    sendRateLimit: e.SEND_RATE_LIMIT,
    sendRateWindowSeconds: e.SEND_RATE_WINDOW_SECONDS,
    editRateLimit: e.EDIT_RATE_LIMIT,
    deleteRateLimit: e.DELETE_RATE_LIMIT,
    reactRateLimit: e.REACT_RATE_LIMIT,
    readRateLimit: e.READ_RATE_LIMIT,
    subscribeRateLimit: e.SUBSCRIBE_RATE_LIMIT,
    frameRateWindowSeconds: e.FRAME_RATE_WINDOW_SECONDS,
    maxReactionsPerMessage: e.MAX_REACTIONS_PER_MESSAGE,
    maxRoomsPerSocket: e.MAX_ROOMS_PER_SOCKET,
    typingIntervalMs: e.TYPING_INTERVAL_MS,
    recoverMaxChanges: e.RECOVER_MAX_CHANGES,
    presenceListMax: e.PRESENCE_LIST_MAX,
    presenceIntervalMs: e.PRESENCE_INTERVAL_MS,
  };
}
