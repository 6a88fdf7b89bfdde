import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { collectDefaultMetrics, type Registry } from "prom-client";

/*
 * A process's Prometheus endpoint: GET /metrics on a host and port of its
 * own, never on the public port (uWS's or Next's), so what the process
 * reveals about its load is for the operator's scraper only. The host
 * defaults to loopback (METRICS_HOST); the web app and every sidecar each
 * get a port of their own.
 */
export type MetricsServer = { host: string; port: number; close(): Promise<void> };

const withDefaults = new WeakSet<Registry>();

/** Start serving the registry, with Node's process metrics (CPU, memory, event-loop lag, GC) added once. */
export async function startMetricsServer(registry: Registry, host: string, port: number): Promise<MetricsServer> {
  if (!withDefaults.has(registry)) {
    withDefaults.add(registry);
    collectDefaultMetrics({ register: registry });
  }
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") return void res.writeHead(404).end("not found");
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await listen(server, host, port);
  return {
    host,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new Error(`metrics: cannot listen on ${host}:${port}: ${error.message}`)));
    server.listen(port, host, () => resolve());
  });
}
