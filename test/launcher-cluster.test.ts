import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import WebSocket from "ws";
import { upgradeStatusOf } from "../realtime/test/helpers";
import { parseLogLine } from "./support/log-lines";
import { freePortRange, freePorts } from "./support/ports";
import { PrivateRedis } from "./support/private-redis";
import { runToEnd, spawnLogged, stopProc } from "./support/processes";
import { createTestDatabase } from "./db";
import { waitFor } from "./wait-for";

/*
 * `SIDECARS=2 npm start` with REDIS_URL: HAProxy on REALTIME_PORT in front of
 * sidecars on the next ports; sockets through the balancer reach both; a
 * killed sidecar comes back; SIGTERM stops all of it. Free ports: the
 * launcher puts the sidecars on the two after the balancer's.
 */
const [web, redisPort] = (await freePorts(2)) as [number, number];
const balancer = await freePortRange(3);
const ports = { web, balancer, sidecars: [balancer + 1, balancer + 2], redis: redisPort };
// REALTIME_METRICS_PORT: each sidecar gets its own, the first and the one after it.
const [webMetrics, sidecarMetrics] = [(await freePorts(1))[0]!, await freePortRange(2)];

test("SIDECARS without REDIS_URL stops with a message naming both", { timeout: 30_000 }, async () => {
  const env = { SIDECARS: "2", WEB_PORT: String(ports.web), REDIS_URL: undefined };
  const run = await runToEnd({ command: process.execPath, args: ["--import", "tsx", "scripts/start.ts"], env });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /SIDECARS: needs REDIS_URL/);
});

test("SIDECARS=2 puts HAProxy in front of two sidecars and stops them all on SIGTERM", { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-cluster-"));
  const redis = new PrivateRedis(ports.redis, dataDir);
  await redis.start();
  const database = await createTestDatabase("chat_cluster");
  const env = {
    SIDECARS: "2", REDIS_URL: redis.url, DATABASE_URL: database.url, DATA_DIR: dataDir,
    NEXTAUTH_SECRET: "cluster-launcher-secret-0123456789", WEB_PORT: String(ports.web), REALTIME_PORT: String(ports.balancer),
    WEB_METRICS_PORT: String(webMetrics), REALTIME_METRICS_PORT: String(sidecarMetrics),
  };
  let output = "";
  const launcher = spawnLogged({ name: "launcher", command: process.execPath, args: ["scripts/bootstrap.mjs"], env, onLine: (line) => (output += `${line}\n`) });
  let exitCode: number | null = null;
  try {
    await waitFor(() => assert.match(output, /HAProxy in front of 2 sidecars/), { timeoutMs: 120_000, intervalMs: 250 });
    for (const port of [ports.web, ports.balancer, ...ports.sidecars]) await waitFor(() => expectHealthy(port), { timeoutMs: 60_000, intervalMs: 250 });
    assert.match(readFileSync(path.join(dataDir, "haproxy.cfg"), "utf8"), new RegExp(`server sidecar-2 127\\.0\\.0\\.1:${ports.sidecars[1]} check`));
    // Without a session the upgrade is refused by whichever sidecar answers: the balancer forwards /ws.
    assert.equal(await upgradeStatusOf(new WebSocket(`ws://127.0.0.1:${ports.balancer}/ws`)), 401);
    for (const port of [webMetrics, sidecarMetrics, sidecarMetrics + 1]) {
      await waitFor(async () => assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`)).status, 200), { timeoutMs: 30_000 });
    }
    await crashAndExpectRestart(ports.sidecars[0]!, () => output);
  } finally {
    await stopProc(launcher, "SIGTERM", 60_000);
    exitCode = await launcher.exited;
    await database.drop();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.equal(exitCode, 0, output);
  // HAProxy's own output included: the launcher turns a child's plain lines into JSON lines naming it.
  const lines = output.trimEnd().split("\n").map(parseLogLine);
  assert.ok(lines.some((l) => l.name === "realtime" && l.node === "sidecar-2"));
  for (const port of [ports.web, ports.balancer, ...ports.sidecars]) {
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), `port ${port} should be closed`);
  }
});

async function expectHealthy(port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { ok: boolean }).ok, true);
}


/** kill -9 the sidecar on `port` (its pid is in the launcher's "started" line): it must come back. */
async function crashAndExpectRestart(port: number, output: () => string): Promise<void> {
  const pid = startedPid(output(), port);
  process.kill(pid, "SIGKILL");
  await waitFor(() => assert.match(output(), /sidecar-1 exited with code null; restarting/), { timeoutMs: 10_000 });
  await waitFor(() => assert.notEqual(startedPid(output(), port), pid), { timeoutMs: 10_000 });
  await waitFor(() => expectHealthy(port), { timeoutMs: 60_000, intervalMs: 250 });
}

/** The pid of the latest sidecar started on `port`, from the launcher's output. */
function startedPid(output: string, port: number): number {
  const pids = [...output.matchAll(new RegExp(`started on port ${port} \\(pid (\\d+)\\)`, "g"))].map((m) => Number(m[1]));
  assert.ok(pids.length > 0, `no sidecar started on ${port}`);
  return pids.at(-1)!;
}
