import { hostname } from "node:os";
import { z } from "zod";
import { defaultLimits } from "../protocol";

/*
 * The sidecar's whole configuration, parsed once at boot. A bad value throws a
 * ConfigError naming the variable and why; main.ts prints it and exits 1, so a
 * typo never turns into a silently different limit.
 */
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const int = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number("must be a whole number")
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );
const port = (fallback: number) => int(fallback, 0, 65535);

const realtimeEnv = z.object({
  DATABASE_URL: z.string("is required").pipe(z.url("must be a URL such as postgres://user@host:5432/db")),
  NEXTAUTH_SECRET: z.string("is required").min(16, "must be at least 16 characters"),
  REALTIME_HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  REALTIME_PORT: port(3001),
  WEB_PORT: port(3000),
  ALLOWED_ORIGINS: z.preprocess(blankToUndefined, z.string().optional()),
  NODE_ID: z.preprocess(blankToUndefined, z.string().max(128).optional()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  MAX_FRAME_BYTES: int(defaultLimits.frameBytes, 256),
  MAX_BODY_CODE_POINTS: int(defaultLimits.bodyCodePoints),
  SEND_RATE_LIMIT: int(defaultLimits.sendsPerWindow),
  SEND_RATE_WINDOW_SECONDS: int(defaultLimits.sendWindowSeconds),
  EDIT_RATE_LIMIT: int(defaultLimits.editsPerWindow),
  DELETE_RATE_LIMIT: int(defaultLimits.deletesPerWindow),
  REACT_RATE_LIMIT: int(defaultLimits.reactsPerWindow),
  READ_RATE_LIMIT: int(defaultLimits.readsPerWindow),
  SUBSCRIBE_RATE_LIMIT: int(defaultLimits.subscribesPerWindow),
  FRAME_RATE_WINDOW_SECONDS: int(defaultLimits.frameWindowSeconds),
  MAX_REACTIONS_PER_MESSAGE: int(defaultLimits.reactionsPerMessage),
  MAX_ROOMS_PER_SOCKET: int(defaultLimits.roomsPerSocket),
  TYPING_INTERVAL_MS: int(defaultLimits.typingIntervalMs, 0),
  RECOVER_MAX_CHANGES: int(defaultLimits.recoverMaxChanges, 0),
  PRESENCE_LIST_MAX: int(defaultLimits.presenceListMax, 0),
  PRESENCE_INTERVAL_MS: int(1000, 10),
  BATCH_MAX_MESSAGES: int(256, 1, 10_000),
  BATCH_WINDOW_MS: int(0, 0, 1000),
  // Batches in flight at once (rooms are split over them); each holds a database connection.
  BATCH_LANES: int(4, 1, 8),
  REDIS_URL: z.preprocess(blankToUndefined, z.url("must be a URL such as redis://127.0.0.1:6379").optional()),
  REDIS_KEY_PREFIX: z.preprocess(blankToUndefined, z.string().max(64).default("chat:")),
  PRESENCE_GRACE_MS: int(3000, 0, 60_000),
  PRESENCE_HEARTBEAT_MS: int(5000, 100, 60_000),
  PRESENCE_TTL_MS: int(15_000, 300, 120_000),
  MAX_BACKPRESSURE_BYTES: int(1024 * 1024, 64 * 1024, 256 * 1024 * 1024),
  REPLAY_DRAIN_TIMEOUT_MS: int(10_000, 100, 600_000),
  REPLAY_BUFFER_MAX_BYTES: int(1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
  MAX_QUEUED_BYTES: int(1024 * 1024, 1024, 256 * 1024 * 1024),
  CATCHUP_GRACE_MS: int(300, 0, 10_000),
  CATCHUP_SWEEP_MS: int(5000, 100, 600_000),
  CATCHUP_POLL_MS: int(1000, 50, 60_000),
  // Who may open sockets, and how many (realtime/upgrade.ts).
  UPGRADE_RATE_LIMIT: int(256),
  UPGRADE_RATE_WINDOW_SECONDS: int(60, 1, 86_400),
  MAX_SOCKETS_PER_USER: int(16),
  MAX_SOCKETS_PER_ADDRESS: int(256),
  TRUSTED_PROXY_HOPS: int(0, 0, 10),
});

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
  nextAuthSecret: string;
  host: string;
  /** 0 picks any free port (tests). */
  port: number;
  allowedOrigins: string[];
  nodeId: string;
  logLevel: string;
  limits: RealtimeLimits;
  batch: { maxMessages: number; windowMs: number; lanes: number };
  /** Unset redisUrl: one sidecar, local broker, in-memory presence and limits. */
  cluster: { redisUrl: string | undefined; keyPrefix: string };
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
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Origins compare as scheme://host[:port], lower case, no trailing slash. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, "");
}

export function loadRealtimeConfig(env: Record<string, string | undefined> = process.env): RealtimeConfig {
  const parsed = realtimeEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  const problems = crossChecks(e);
  if (problems.length > 0) throw new ConfigError(problems);
  const origins = e.ALLOWED_ORIGINS ?? `http://127.0.0.1:${e.WEB_PORT},http://localhost:${e.WEB_PORT}`;
  return {
    databaseUrl: e.DATABASE_URL,
    nextAuthSecret: e.NEXTAUTH_SECRET,
    host: e.REALTIME_HOST,
    port: e.REALTIME_PORT,
    allowedOrigins: origins.split(",").map(normalizeOrigin).filter(Boolean),
    nodeId: e.NODE_ID ?? `${hostname()}:${e.REALTIME_PORT}`,
    logLevel: e.LOG_LEVEL,
    limits: {
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
    },
    batch: { maxMessages: e.BATCH_MAX_MESSAGES, windowMs: e.BATCH_WINDOW_MS, lanes: e.BATCH_LANES },
    cluster: { redisUrl: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
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
  };
}

/** Rules between variables that one field's schema cannot see. */
function crossChecks(e: z.infer<typeof realtimeEnv>): string[] {
  const problems: string[] = [];
  if (e.REDIS_URL && !/^rediss?:$/.test(new URL(e.REDIS_URL).protocol)) {
    problems.push("REDIS_URL: must start with redis:// or rediss://");
  }
  // A missed heartbeat or two must not show a live user offline.
  if (e.PRESENCE_TTL_MS < 2 * e.PRESENCE_HEARTBEAT_MS) {
    problems.push("PRESENCE_TTL_MS: must be at least twice PRESENCE_HEARTBEAT_MS");
  }
  // One frame of the largest size must fit in the queue, or every big send would close its socket.
  if (e.MAX_QUEUED_BYTES < e.MAX_FRAME_BYTES) {
    problems.push("MAX_QUEUED_BYTES: must be at least MAX_FRAME_BYTES");
  }
  return problems;
}
