import { z } from "zod";
import { int, optionalListenPort, port, url } from "./fields";
import { databasePoolSize, databasePrepare, databaseUrl, logLevel, metricsHost, nextAuthSecret, nextAuthUrl, realtimePort, shutdownTimeoutMs, trustedProxyHops } from "./shared";

/** The web app's variables; lib/env.ts parses them on first use (next build runs with none set). */
export const webEnv = z
  .object({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: databasePoolSize,
    DATABASE_PREPARE: databasePrepare,
    NEXTAUTH_SECRET: nextAuthSecret,
    NEXTAUTH_URL: nextAuthUrl.optional(),
    // Set by the web server (scripts/web-server.ts) before this is read: production unless --dev.
    NODE_ENV: z.string().optional(),
    REALTIME_PORT: realtimePort,
    REALTIME_PUBLIC_URL: url(["ws", "wss"], "wss://chat.example.com/ws").optional(),
    LOG_LEVEL: logLevel,
    LOGIN_MAX_FAILURES: int(10, 1, 1_000_000),
    LOGIN_LOCK_SECONDS: int(900, 1, 86_400 * 30),
    BCRYPT_COST: int(11, 4, 15),
    TRUSTED_PROXY_HOPS: trustedProxyHops,
    SIGNUP_RATE_LIMIT: int(20, 1, 1_000_000),
    MAX_ROOMS_PER_USER: int(100, 1, 1_000_000),
    // Searches (page and API) per user a minute.
    SEARCH_RATE_LIMIT: int(30, 1, 1_000_000),
    // Removals, leaves, renames and deletions per user a minute (429 over it).
    ROOM_ADMIN_RATE_LIMIT: int(30, 1, 1_000_000),
    // A session ends this long after its last refresh; refreshed (sliding) at most once per update age while in use.
    SESSION_MAX_AGE_SECONDS: int(7 * 86_400, 300, 365 * 86_400),
    SESSION_UPDATE_AGE_SECONDS: int(86_400, 0, 365 * 86_400),
    // Prometheus /metrics of scripts/web-server.ts on a port of its own (never Next's); unset: off.
    METRICS_HOST: metricsHost,
    WEB_METRICS_PORT: optionalListenPort(),
  })
  .refine((e) => e.SESSION_UPDATE_AGE_SECONDS < e.SESSION_MAX_AGE_SECONDS, {
    path: ["SESSION_UPDATE_AGE_SECONDS"],
    message: "must be less than SESSION_MAX_AGE_SECONDS",
  })
  // Behind a proxy the Host header is whatever the client sent: production names its public URL itself.
  .refine((e) => e.NODE_ENV !== "production" || e.NEXTAUTH_URL !== undefined, {
    path: ["NEXTAUTH_URL"],
    message: "is required in production: the web app's public URL, such as https://chat.example.com",
  });

export type WebEnv = z.output<typeof webEnv>;

/** What the web logger needs, parsed on its own: it is built when a module imports it, env or not. */
export const webLogEnv = z.object({ LOG_LEVEL: logLevel });

/** The web server wrapper's listen port when no -p is given (the variable `next start` reads). */
export const webServerEnv = z.object({ PORT: port(3000), SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs });
