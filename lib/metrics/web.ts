import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Counter, Histogram, Registry } from "prom-client";
import { methodLabel, routeLabeler, type RouteLabeler } from "./route-label";
import { startMetricsServer, type MetricsServer } from "./server";

/*
 * The web app's metrics: every HTTP request scripts/web-server.ts hands to
 * Next.js, by method, route pattern (route-label.ts) and status, with its
 * duration; plus Node's process metrics. Served on METRICS_HOST:WEB_METRICS_PORT,
 * never on Next's port.
 */
const webRegistry = new Registry();

const requests = new Counter({
  name: "chat_http_requests_total",
  help: "HTTP requests answered by the web app, by method, route pattern and status.",
  labelNames: ["method", "route", "status"],
  registers: [webRegistry],
});

const duration = new Histogram({
  name: "chat_http_request_duration_seconds",
  help: "From a request's arrival to the end of its response (or its connection closing), seconds.",
  labelNames: ["method", "route"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [webRegistry],
});

export type RequestObserver = (req: IncomingMessage, res: ServerResponse) => void;

type Settings = { METRICS_HOST: string; WEB_METRICS_PORT?: number };

/** Serve /metrics and return what observes each request; null (no metrics) when WEB_METRICS_PORT is unset. */
export async function startWebMetrics(env: Settings, distDir = ".next"): Promise<{ observe: RequestObserver; server: MetricsServer } | null> {
  if (env.WEB_METRICS_PORT === undefined) return null;
  const server = await startMetricsServer(webRegistry, env.METRICS_HOST, env.WEB_METRICS_PORT);
  return { observe: requestObserver(routeLabeler(appRoutes(distDir))), server };
}

function requestObserver(routeOf: RouteLabeler): RequestObserver {
  return (req, res) => {
    const started = performance.now();
    res.once("close", () => {
      const method = methodLabel(req.method);
      const route = routeOf(req.url ?? "/");
      requests.labels(method, route, String(res.statusCode)).inc();
      duration.labels(method, route).observe((performance.now() - started) / 1000);
    });
  };
}

/**
 * The app's page and route patterns from the build's routes manifest (`next
 * dev` writes its own under dev/). With neither, every page path is "unmatched".
 */
function appRoutes(distDir: string): string[] {
  const file = [path.join(distDir, "routes-manifest.json"), path.join(distDir, "dev", "routes-manifest.json")].find(existsSync);
  if (!file) return [];
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { staticRoutes?: { page: string }[]; dynamicRoutes?: { page: string }[] };
  return [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => route.page);
}
