import { z } from "zod";
import { flag, host, int, oneOf, port, secret, url } from "./fields";

/* Variables more than one process reads: defined once here, so their rules cannot drift apart. */
export const databaseUrl = url(["postgres", "postgresql"], "postgres://user@host:5432/db");
/** Connections each process keeps open to DATABASE_URL (README: Connection pooling). */
export const databasePoolSize = int(10, 1, 1000);
/** Named prepared statements; false behind PgBouncer < 1.21 in transaction mode (README: Connection pooling). */
export const databasePrepare = flag(true);
/** Signs and encrypts session JWTs; the web app and the sidecar must share it. */
export const nextAuthSecret = secret(16);
export const webPort = port(3000);
export const realtimeHost = host("127.0.0.1");
export const realtimePort = port(3001);
/** The web app's public URL (next-auth's redirects and cookies); required in production (config/web.ts). */
export const nextAuthUrl = url(["http", "https"], "https://chat.example.com");
export const redisUrl = url(["redis", "rediss"], "redis://127.0.0.1:6379");
/** Proxies in front whose X-Forwarded-For entries are trusted (0: the socket's address). */
export const trustedProxyHops = int(0, 0, 10);
/** Where the /metrics servers listen (their ports are per process); loopback by default: metrics are not public. */
export const metricsHost = host("127.0.0.1");
export const logLevel = oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "info");
/** How long a graceful stop (SIGTERM) may take before the process exits non-zero anyway. */
export const shutdownTimeoutMs = int(10_000, 100, 600_000);
/** The embedded PostgreSQL's port and the local data folder (launcher, db:backup/db:restore). */
export const embeddedPgPort = port(54329);
export const dataDir = z.string().default(".data");
