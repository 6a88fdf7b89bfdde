import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, afterEach, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { startSidecarProcess, type SidecarProcess } from "../../test/support/sidecar";
import { closeClients, makeRoom, makeUser, secret, TestClient, type TestUser } from "./helpers";
import { seedHistory, stopReading, waitUntilGone, waitUntilPresent } from "./memory-helpers";

/*
 * The sidecar in a process of its own, so its resident memory can be read
 * from /proc: clients that stop reading while their replay runs in a busy
 * room are closed 4009, everyone else gets every message, and the sidecar's
 * memory does not grow with what the slow clients failed to take.
 */
let db: TestDatabase;
let sidecar: SidecarProcess;
let alice: TestUser;
const history = 2500; // 10 MB: more than the kernel's socket buffers take, so a replay must wait for its client

before(async () => {
  db = await createTestDatabase("chat_rt");
  const env = {
    MAX_BACKPRESSURE_BYTES: String(256 * 1024),
    REPLAY_DRAIN_TIMEOUT_MS: "1000",
    RECOVER_MAX_CHANGES: "100000",
    SEND_RATE_LIMIT: "1000000",
    PRESENCE_GRACE_MS: "0",
    PRESENCE_INTERVAL_MS: "50",
  };
  sidecar = await startSidecarProcess({ databaseUrl: db.url, secret, env });
  alice = await makeUser({ db }, "rss_alice");
});
afterEach(closeClients);
after(async () => {
  await sidecar?.stop("SIGKILL");
  await db?.drop();
});

/** The sidecar's resident memory now, in MiB. */
function rssMiB(): number {
  const status = readFileSync(`/proc/${sidecar.pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  assert.ok(kib > 0, "VmRSS readable");
  return kib / 1024;
}

/** The highest RSS seen while `work` runs (sampled every 20 ms). */
async function peakRssDuring(work: () => Promise<void>): Promise<number> {
  let peak = rssMiB();
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB())), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssMiB());
}

/** `count` messages of 4,000 characters, 16 unacknowledged at a time; the highest seq. */
async function flood(sender: TestClient, roomId: string, count: number): Promise<number> {
  let top = 0;
  for (let sent = 0; sent < count; sent += 16) {
    const acks = await Promise.all(Array.from({ length: 16 }, () => sender.sendMessage(roomId, "f".repeat(4000), randomUUID())));
    top = Math.max(top, ...acks.map((a) => a.seq));
  }
  return top;
}

test("a replay that waits for a client that stopped reading times out: closed 4009", async () => {
  const [bob, carol] = await Promise.all([makeUser({ db }, "rss_bob"), makeUser({ db }, "rss_carol")]);
  const [quiet, lobby] = await Promise.all([makeRoom({ db }, alice), makeRoom({ db }, alice)]);
  await seedHistory(db.db.$client, quiet.id, alice.id, history);
  const watcher = await TestClient.connect(sidecar.port, carol);
  await watcher.subscribe(lobby.id);
  const slow = await TestClient.connect(sidecar.port, bob);
  await slow.subscribe(lobby.id);
  await waitUntilPresent(watcher, lobby.id, bob.id);
  const socket = stopReading(slow);
  // No live traffic at all: only the drain timeout can end this replay.
  slow.send({ type: "subscribe", room: quiet.id, since: 0 });
  await waitUntilGone(watcher, lobby.id, bob.id);
  socket.resume();
  assert.equal((await slow.waitClosed()).code, 4009);
  watcher.close();
});

test("clients that stop reading mid-replay in a busy room are closed 4009; the others get every message; RSS stays bounded", async () => {
  const users = await Promise.all(Array.from({ length: 10 }, (_, i) => makeUser({ db }, `rss_slow${i}`)));
  const carol = await makeUser({ db }, "rss_watch");
  const [busy, lobby] = await Promise.all([makeRoom({ db }, alice), makeRoom({ db }, alice)]);
  await seedHistory(db.db.$client, busy.id, alice.id, history);
  const sender = await TestClient.connect(sidecar.port, alice);
  const watcher = await TestClient.connect(sidecar.port, carol);
  await sender.subscribe(busy.id);
  await watcher.subscribe(busy.id);
  await watcher.subscribe(lobby.id);

  // Baseline: the same work with a client that keeps reading (a full replay and a flood).
  const healthy = await TestClient.connect(sidecar.port, users[0]!);
  const baseline = await peakRssDuring(async () => {
    healthy.send({ type: "subscribe", room: busy.id, since: 0 });
    const top = await flood(sender, busy.id, 400);
    await healthy.next("message", (f) => f.seq === top, 30_000);
  });
  healthy.close();

  const slow = await Promise.all(users.map((u) => TestClient.connect(sidecar.port, u)));
  for (const client of slow) await client.subscribe(lobby.id);
  for (const u of users) await waitUntilPresent(watcher, lobby.id, u.id);
  const sockets = slow.map(stopReading);
  for (const client of slow) client.send({ type: "subscribe", room: busy.id, since: 0 });
  // Each client reads again as soon as the server has given up on it: a closing socket whose client
  // still reads nothing is dropped by uWS after its ping timeout (16 s), and the 4009 with it.
  const resumed = Promise.all(
    users.map(async (u, i) => {
      await waitUntilGone(watcher, lobby.id, u.id, 60_000);
      sockets[i]!.resume();
    }),
  );
  let top = 0;
  const peak = await peakRssDuring(async () => {
    top = await flood(sender, busy.id, 1200);
    await resumed;
  });
  for (const client of slow) assert.equal((await client.waitClosed()).code, 4009);

  await watcher.next("message", (f) => f.seq === top, 30_000);
  const seqs = watcher.all("message").map((f) => f.seq);
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => history + 1 + i), "every live message, once, in order");
  assert.equal(seqs.at(-1), top);
  // Unbounded, each stalled replay would hold its whole 10 MB gap and every live frame until its client
  // came back: at least 100 MB for the ten. Bounded, each holds at most a page of its replay, its send
  // buffer and its live-frame cap, and only until it is closed. The bound sits between the two, with
  // room for a garbage collector that runs late on a loaded box.
  console.log(`sidecar RSS: baseline peak ${baseline.toFixed(0)} MiB, peak with 10 slow clients ${peak.toFixed(0)} MiB`);
  assert.ok(peak - baseline < 80, `RSS grew by ${(peak - baseline).toFixed(0)} MiB`);
  sender.close();
  watcher.close();
});
