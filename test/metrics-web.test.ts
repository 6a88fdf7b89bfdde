import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { secret } from "../realtime/test/helpers";
import { createTestDatabase, type TestDatabase } from "./db";
import { moved, scrape, type Scrape } from "./support/metrics";
import { freePorts } from "./support/ports";
import { startSidecarProcess, type SidecarProcess } from "./support/sidecar";
import { startWeb, type WebProcess } from "./support/web";
import { waitFor } from "./wait-for";

/*
 * The web app's /metrics (the built app through scripts/web-server.ts), and
 * the Grafana dashboard against real scrapes of both processes: every metric
 * its panels query must exist, and every chat_ metric must have a panel, so
 * the two cannot drift apart silently.
 */
let database: TestDatabase;
let web: WebProcess;
let sidecar: SidecarProcess;
let webMetrics: number;
let sidecarMetrics: number;

before(async () => {
  database = await createTestDatabase("chat_web_metrics");
  [webMetrics, sidecarMetrics] = (await freePorts(2)) as [number, number];
  web = await startWeb({ databaseUrl: database.url, secret, env: { WEB_METRICS_PORT: String(webMetrics) } });
  sidecar = await startSidecarProcess({ databaseUrl: database.url, secret, env: { REALTIME_METRICS_PORT: String(sidecarMetrics), LOG_LEVEL: "silent" } });
});
after(async () => {
  await Promise.all([web?.stop(), sidecar?.stop()]);
  await database?.drop();
});

test("the web app serves metrics on their own port only; requests count by method, route pattern and status", async () => {
  const roomId = randomUUID();
  const start = await scrape(webMetrics);
  assert.equal((await fetch(`${web.base}/api/rooms`)).status, 401);
  assert.equal((await fetch(`${web.base}/api/rooms/${roomId}/messages?limit=5`)).status, 401);
  assert.equal((await fetch(`${web.base}/api/rooms/${randomUUID()}/messages`)).status, 401);
  assert.equal((await fetch(`${web.base}/no/such/${roomId}`)).status, 404);
  const keys = [
    'chat_http_requests_total{method="GET",route="/api/rooms",status="401"}',
    'chat_http_requests_total{method="GET",route="/api/rooms/[id]/messages",status="401"}',
    'chat_http_requests_total{method="GET",route="unmatched",status="404"}',
    'chat_http_request_duration_seconds_count{method="GET",route="/api/rooms/[id]/messages"}',
  ];
  const end = await waitFor(async () => {
    const s = await scrape(webMetrics);
    assert.deepEqual(Object.values(moved(start, s, keys)), [1, 2, 1, 2]);
    return s;
  });
  assert.ok(!end.text.includes(roomId), "no room id in any label");
  // Last: a request is counted when its response has finished, which may be after the client read it.
  assert.equal((await fetch(`${web.base}/metrics`)).status, 404);
  assert.ok(end.names.has("nodejs_eventloop_lag_p99_seconds"), "process metrics too");
});

/** Metric names in the dashboard's queries (label names and functions are not metrics). */
function dashboardMetrics(): Set<string> {
  const dashboard = JSON.parse(readFileSync("deploy/grafana/chat.json", "utf8")) as { panels: { targets?: { expr: string }[] }[] };
  const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
  assert.ok(exprs.length > 10, "the dashboard has queries");
  return new Set(exprs.flatMap((expr) => expr.match(/\b(?:chat|process|nodejs)_[a-z0-9_]+/g) ?? []));
}

test("every metric the Grafana dashboard queries exists in a real scrape, and every chat_ metric has a panel", async () => {
  const scrapes: Scrape[] = await Promise.all([scrape(webMetrics), scrape(sidecarMetrics)]);
  const exposed = new Set(scrapes.flatMap((s) => [...s.names]));
  const used = dashboardMetrics();
  const missing = [...used].filter((name) => !exposed.has(name));
  assert.deepEqual(missing, [], "queried by the dashboard but not exposed");
  const own = [...exposed].filter((name) => name.startsWith("chat_") && !/_(bucket|sum|count)$/.test(name));
  const withoutPanel = own.filter((name) => ![...used].some((u) => u === name || u.startsWith(`${name}_`)));
  assert.deepEqual(withoutPanel, [], "exposed but on no panel");
});
