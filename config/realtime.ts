import { z } from "zod";
import { defaultLimits } from "../protocol";
import { int, list, listenPort, oneOf, optionalListenPort, text } from "./fields";
import { databasePoolSize, databasePrepare, databaseUrl, logLevel, metricsHost, nextAuthSecret, realtimeHost, redisUrl, shutdownTimeoutMs, trustedProxyHops, webPort } from "./shared";

/* The sidecar's variables; realtime/env.ts turns them into its RealtimeConfig. */
const fields = {
  DATABASE_URL: databaseUrl,
  // LISTEN needs a session of its own: behind a transaction-mode pooler, a direct URL (unset: DATABASE_URL).
  DATABASE_LISTEN_URL: databaseUrl.optional(),
  DATABASE_POOL_SIZE: databasePoolSize,
  DATABASE_PREPARE: databasePrepare,
  NEXTAUTH_SECRET: nextAuthSecret,
  REALTIME_HOST: realtimeHost,
  // The sidecar's own listen port, so 0 (any free port, for tests) is allowed here only.
  REALTIME_PORT: listenPort(3001),
  WEB_PORT: webPort,
  ALLOWED_ORIGINS: list().optional(),
  NODE_ID: text(128).optional(),
  LOG_LEVEL: logLevel,
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
  REDIS_URL: redisUrl.optional(),
  REDIS_KEY_PREFIX: text(64).default("chat:"),
  // `cluster`: REDIS_URL is one seed node of a Redis Cluster; fan-out goes through sharded pub/sub.
  REDIS_MODE: oneOf(["single", "cluster"], "single"),
  REDIS_CLUSTER_NODES: list().optional(),
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
  TRUSTED_PROXY_HOPS: trustedProxyHops,
  // Prometheus /metrics on a port of its own (never the public one); unset: off.
  METRICS_HOST: metricsHost,
  REALTIME_METRICS_PORT: optionalListenPort(),
  SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs,
};

export const realtimeEnv = z
  .object(fields)
  // A missed heartbeat or two must not show a live user offline.
  .refine((e) => e.PRESENCE_TTL_MS >= 2 * e.PRESENCE_HEARTBEAT_MS, {
    path: ["PRESENCE_TTL_MS"],
    message: "must be at least twice PRESENCE_HEARTBEAT_MS",
  })
  // One frame of the largest size must fit in the queue, or every big send would close its socket.
  .refine((e) => e.MAX_QUEUED_BYTES >= e.MAX_FRAME_BYTES, {
    path: ["MAX_QUEUED_BYTES"],
    message: "must be at least MAX_FRAME_BYTES",
  })
  // Each batch lane holds a connection while it commits; fewer would leave lanes idle and starve reads.
  .refine((e) => e.DATABASE_POOL_SIZE > e.BATCH_LANES, {
    path: ["DATABASE_POOL_SIZE"],
    message: "must be more than BATCH_LANES (each lane holds a connection while it commits; reads need one too)",
  })
  .superRefine(checkRedisCluster);

const seedNode = /^[^\s:/]+:\d{1,5}$/;

/** A cluster needs a seed; its hash tags are ours to place, so the prefix may not hold braces. */
function checkRedisCluster(e: { REDIS_MODE: string; REDIS_URL?: string; REDIS_KEY_PREFIX: string; REDIS_CLUSTER_NODES?: string[] }, ctx: z.RefinementCtx) {
  const problem = (variable: string, message: string) => ctx.addIssue({ code: "custom", path: [variable], message });
  if (e.REDIS_MODE !== "cluster") {
    if (e.REDIS_CLUSTER_NODES) problem("REDIS_CLUSTER_NODES", "needs REDIS_MODE=cluster");
    return;
  }
  if (!e.REDIS_URL) problem("REDIS_MODE", "cluster needs REDIS_URL, one seed node of the cluster (e.g. redis://127.0.0.1:7000)");
  if (/[{}]/.test(e.REDIS_KEY_PREFIX)) problem("REDIS_KEY_PREFIX", "must not contain { or } with REDIS_MODE=cluster (the sidecar places the hash tags)");
  const bad = e.REDIS_CLUSTER_NODES?.find((node) => !seedNode.test(node));
  if (bad !== undefined) problem("REDIS_CLUSTER_NODES", `must be host:port entries separated by commas ("${bad}" is not)`);
}

export type RealtimeEnv = z.output<typeof realtimeEnv>;
