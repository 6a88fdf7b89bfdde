import { z } from "zod";
import { host, int, optionalListenPort } from "./fields";
import { databaseUrl, dataDir, embeddedPgPort, logLevel, nextAuthSecret, nextAuthUrl, realtimeHost, realtimePort, redisUrl, shutdownTimeoutMs, trustedProxyHops, webPort } from "./shared";

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
    // The first sidecar's /metrics port; with SIDECARS=N they take it and the N-1 after it (0: any free port each).
    REALTIME_METRICS_PORT: optionalListenPort(),
    // The children's drain deadline (they read it too); the launcher waits a little longer before SIGKILL.
    SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs,
  })
  .refine((e) => e.SIDECARS === 1 || e.REDIS_URL !== undefined, {
    path: ["SIDECARS"],
    message:
      "needs REDIS_URL above 1: several sidecars hear each other through Redis (e.g. REDIS_URL=redis://127.0.0.1:6379). Unset SIDECARS for one sidecar.",
  })
  .refine((e) => !metricsPortsClash(e), {
    path: ["REALTIME_METRICS_PORT"],
    message: "the sidecars' metrics ports (it and the SIDECARS-1 after it) must not be WEB_PORT, REALTIME_PORT or a sidecar's port",
  });

/** Sidecar i (from 0) of N serves /metrics on REALTIME_METRICS_PORT + i; sidecars listen on REALTIME_PORT + 1 + i. */
function metricsPortsClash(e: { SIDECARS: number; WEB_PORT: number; REALTIME_PORT: number; REALTIME_METRICS_PORT?: number }): boolean {
  const first = e.REALTIME_METRICS_PORT;
  if (!first) return false;
  const taken = new Set([e.WEB_PORT, ...Array.from({ length: e.SIDECARS + 1 }, (_, i) => e.REALTIME_PORT + i)]);
  return Array.from({ length: e.SIDECARS }, (_, i) => first + i).some((p) => taken.has(p));
}

export type LauncherEnv = z.output<typeof launcherEnv>;

/** The launcher's log level, parsed on its own: its logger is made before (and apart from) the rest. */
export const launcherLogEnv = z.object({ LOG_LEVEL: logLevel });
