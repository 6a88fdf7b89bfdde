import { z } from "zod";
import { host, int, oneOf, port, secret, url } from "./fields";

/* Variables more than one process reads: defined once here, so their rules cannot drift apart. */
export const databaseUrl = url(["postgres", "postgresql"], "postgres://user@host:5432/db");
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
export const logLevel = oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "info");
/** The embedded PostgreSQL's port and the local data folder (launcher, db:backup/db:restore). */
export const embeddedPgPort = port(54329);
export const dataDir = z.string().default(".data");
