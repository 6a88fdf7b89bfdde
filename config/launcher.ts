import { z } from "zod";
import { host, int } from "./fields";
import { databaseUrl, dataDir, embeddedPgPort, nextAuthSecret, nextAuthUrl, realtimeHost, realtimePort, redisUrl, trustedProxyHops, webPort } from "./shared";

/*
 * The launcher's variables (scripts/start.ts). DATABASE_URL and NEXTAUTH_SECRET
 * are optional here only: unset, it starts an embedded PostgreSQL and generates
 * a secret, then hands both to the web app and the sidecars.
 */
export const launcherEnv = z
  .object({
    DATABASE_URL: databaseUrl.optional(),
    NEXTAUTH_SECRET: nextAuthSecret.optional(),
    // Unset: the web app's own origin (http://WEB_HOST:WEB_PORT), which the production web app needs.
    NEXTAUTH_URL: nextAuthUrl.optional(),
    WEB_HOST: host("127.0.0.1"),
    WEB_PORT: webPort,
    REALTIME_HOST: realtimeHost,
    REALTIME_PORT: realtimePort,
    SIDECARS: int(1, 1, 64),
    REDIS_URL: redisUrl.optional(),
    EMBEDDED_PG_PORT: embeddedPgPort,
    DATA_DIR: dataDir,
    TRUSTED_PROXY_HOPS: trustedProxyHops,
  })
  .refine((e) => e.SIDECARS === 1 || e.REDIS_URL !== undefined, {
    path: ["SIDECARS"],
    message:
      "needs REDIS_URL above 1: several sidecars hear each other through Redis (e.g. REDIS_URL=redis://127.0.0.1:6379). Unset SIDECARS for one sidecar.",
  });

export type LauncherEnv = z.output<typeof launcherEnv>;
