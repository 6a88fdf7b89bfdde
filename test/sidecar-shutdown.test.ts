import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { makeRoom, makeUser, secret, TestClient } from "../realtime/test/helpers";
import { lockRoom } from "../realtime/test/room-lock";
import { PrivatePostgres } from "./chaos/private-postgres";
import { createTestDatabase, type TestDatabase } from "./db";
import { freePort } from "./support/ports";
import { startSidecarProcess, type SidecarProcess } from "./support/sidecar";
import { waitFor } from "./wait-for";

/*
 * The sidecar process's end (lib/graceful-shutdown.ts): a drain stuck on a
 * commit (the room's row lock held by the test) ends at once on a second
 * signal, or exits 1 at SHUTDOWN_TIMEOUT_MS having closed its sockets 1001;
 * and readiness follows the database while liveness does not.
 */
let database: TestDatabase;
before(async () => {
  database = await createTestDatabase("chat_shutdown");
});
after(() => database.drop());

type Logged = { sidecar: SidecarProcess; lines: string[] };

async function startLogged(databaseUrl: string, env: Record<string, string>): Promise<Logged> {
  const lines: string[] = [];
  const sidecar = await startSidecarProcess({ databaseUrl, secret, env: { LOG_LEVEL: "info", ...env }, onLine: (line) => lines.push(line) });
  return { sidecar, lines };
}

const logged = (lines: string[], text: string) => waitFor(() => assert.ok(lines.some((l) => l.includes(text)), `a log line with "${text}"`));

/** A client whose send waits for the room's lock: a drain that cannot finish by itself. */
async function stuckSend(sidecar: SidecarProcess) {
  const user = await makeUser({ db: database }, `stuck_${randomUUID().slice(0, 8)}`);
  const room = await makeRoom({ db: database }, user);
  const client = await TestClient.connect(sidecar.port, user);
  const lock = await lockRoom(database.url, room.id);
  client.send({ type: "send", room: room.id, clientMsgId: randomUUID(), body: "stuck" });
  await lock.waitForBlockedWrite();
  return { client, lock };
}

test("a second SIGTERM exits at once while the drain waits for a commit", async () => {
  const { sidecar, lines } = await startLogged(database.url, { SHUTDOWN_TIMEOUT_MS: "600000" });
  const { lock } = await stuckSend(sidecar);
  try {
    process.kill(sidecar.pid, "SIGTERM");
    await logged(lines, "draining");
    assert.equal(sidecar.proc.child.exitCode, null, "still draining: the commit is stuck");
    process.kill(sidecar.pid, "SIGTERM");
    assert.equal(await sidecar.proc.exited, 1);
    await logged(lines, "second signal: exiting now");
  } finally {
    await lock.release();
    await sidecar.stop("SIGKILL");
  }
});

test("past SHUTDOWN_TIMEOUT_MS a stuck drain exits 1 with a log line, its sockets closed 1001 first", async () => {
  const { sidecar, lines } = await startLogged(database.url, { SHUTDOWN_TIMEOUT_MS: "1500" });
  const { client, lock } = await stuckSend(sidecar);
  try {
    process.kill(sidecar.pid, "SIGTERM");
    assert.equal(await sidecar.proc.exited, 1);
    await logged(lines, "drain deadline (SHUTDOWN_TIMEOUT_MS) passed");
    assert.equal((await client.waitClosed()).code, 1001, "half the deadline: the unacked send is left for the client to resend");
    assert.deepEqual(client.all("ack"), []);
  } finally {
    await lock.release();
    await sidecar.stop("SIGKILL");
  }
});

test("a bad SHUTDOWN_TIMEOUT_MS stops the sidecar at boot, naming it", async () => {
  const lines: string[] = [];
  const start = startSidecarProcess({ databaseUrl: database.url, secret, env: { SHUTDOWN_TIMEOUT_MS: "soon" }, onLine: (l) => lines.push(l) });
  await assert.rejects(start, /exited with 1/);
  await logged(lines, "SHUTDOWN_TIMEOUT_MS: must be a whole number");
});

test("/readyz is 503 while the database is unreachable and 200 again after; /livez stays 200", { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-readyz-"));
  const postgres = await PrivatePostgres.create(dir, await freePort());
  let sidecar: SidecarProcess | undefined;
  try {
    await postgres.startFresh();
    ({ sidecar } = await startLogged(postgres.url, { LOG_LEVEL: "warn" }));
    const get = async (p: string) => {
      const response = await fetch(`http://127.0.0.1:${sidecar!.port}${p}`);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    assert.deepEqual(await get("/readyz"), { status: 200, body: { ok: true, broker: "local" } });
    await postgres.stop();
    await waitFor(async () => assert.deepEqual(await get("/readyz"), { status: 503, body: { ok: false, broker: "local" } }));
    assert.deepEqual(await get("/healthz"), { status: 503, body: { ok: false, broker: "local" } });
    assert.deepEqual(await get("/livez"), { status: 200, body: { ok: true } });
    await postgres.restart();
    await waitFor(async () => assert.deepEqual(await get("/readyz"), { status: 200, body: { ok: true, broker: "local" } }));
  } finally {
    await sidecar?.stop("SIGKILL");
    await postgres.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});
