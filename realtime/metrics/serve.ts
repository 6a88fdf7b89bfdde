import type { Logger } from "pino";
import { startMetricsServer, type MetricsServer } from "../../lib/metrics/server";
import type { RealtimeConfig } from "../env";
import { sidecarRegistry } from "./registry";

/** The sidecar's /metrics on METRICS_HOST:REALTIME_METRICS_PORT, or nothing when that port is unset. */
export async function serveSidecarMetrics(config: RealtimeConfig, log: Logger): Promise<MetricsServer | null> {
  const { host, port } = config.metrics;
  if (port === undefined) return null;
  const server = await startMetricsServer(sidecarRegistry, host, port);
  log.info({ host, port: server.port }, "metrics listening");
  return server;
}
