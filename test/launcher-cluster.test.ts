import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import WebSocket from "ws";
import { upgradeStatusOf } from "../realtime/test/helpers";
import { PrivateRedis } from "./support/private-redis";
import { createTestDatabase } from "./db";
import { waitFor } from "./wait-for";

/*
 * `SIDECARS=2 npm start` with REDIS_URL: HAProxy on REALTIME_PORT in front of
 * sidecars on the next ports; sockets through the balancer reach both; a
 * killed sidecar comes back; SIGTERM stops all of it. Own ports (4300-4303).
 */
const ports = { web: 4300, balancer: 4301, sidecars: [4302, 4303], redis: 56300 };

test("SIDECARS without REDIS_URL stops with a message naming both", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, SIDECARS: "2", WEB_PORT: String(ports.web) };
  delete env.REDIS_URL;
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, encoding: "utf8", timeout: 30_000 });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /SIDECARS: needs REDIS_URL/);
});

test("SIDECARS=2 puts HAProxy in front of two sidecars and stops them all on SIGTERM", { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-cluster-"));
  const redis = new PrivateRedis(ports.redis, dataDir);
  await redis.start();
  const database = await createTestDatabase("chat_cluster");
  const env: NodeJS.ProcessEnv = {
    ...process.env, SIDECARS: "2", REDIS_URL: redis.url, DATABASE_URL: database.url, DATA_DIR: dataDir,
    NEXTAUTH_SECRET: "cluster-launcher-secret-0123456789", WEB_PORT: String(ports.web), REALTIME_PORT: String(ports.balancer),
  };
  const launcher = spawn(process.execPath, ["scripts/bootstrap.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  launcher.stdout.on("data", (chunk: Buffer) => (output += chunk));
  launcher.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => launcher.on("exit", resolve));
  let exitCode: number | null = null;
  try {
    await waitFor(() => assert.match(output, /HAProxy in front of 2 sidecars/), { timeoutMs: 120_000, intervalMs: 250 });
    for (const port of [ports.web, ports.balancer, ...ports.sidecars]) await waitFor(() => expectHealthy(port), { timeoutMs: 60_000, intervalMs: 250 });
    assert.match(readFileSync(path.join(dataDir, "haproxy.cfg"), "utf8"), /server sidecar-2 127\.0\.0\.1:4303 check/);
    // Without a session the upgrade is refused by whichever sidecar answers: the balancer forwards /ws.
    assert.equal(await upgradeStatusOf(new WebSocket(`ws://127.0.0.1:${ports.balancer}/ws`)), 401);
    await crashAndExpectRestart(ports.sidecars[0]!, () => output);
  } finally {
    launcher.kill("SIGTERM");
    exitCode = await exited;
    await database.drop();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.equal(exitCode, 0, output);
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
