import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { CatchUp } from "../catch-up";
import { drained, newSocketData, type ClientSocket } from "../socket";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";
import { seedHistory, stopReading, waitUntilGone, waitUntilPresent } from "./memory-helpers";

/*
 * What one socket may hold is bounded, each bound ending in close 4009: the
 * live frames kept while its replay runs, the inbound frames queued for it,
 * and (below, with a fake socket) how long a replay waits for it to drain.
 */
let stack: Stack;
before(async () => {
  const limits = { sendRateLimit: 1_000_000, recoverMaxChanges: 100_000, presenceIntervalMs: 50 };
  const env = {
    MAX_BACKPRESSURE_BYTES: String(256 * 1024),
    REPLAY_BUFFER_MAX_BYTES: String(64 * 1024),
    // Long, so that only the buffer cap can close the stalled replay below.
    REPLAY_DRAIN_TIMEOUT_MS: "60000",
    MAX_QUEUED_BYTES: String(64 * 1024),
    PRESENCE_GRACE_MS: "0",
  };
  stack = await startStack({ limits, env });
});
afterEach(closeClients);
after(() => stopStack(stack));

test("a replay stalled by a client that stopped reading, in a busy room: its live buffer is capped, it is closed 4009, the others get every message", async () => {
  const [alice, bob, carol] = await Promise.all(["cap_a", "cap_b", "cap_c"].map((name) => makeUser(stack, name)));
  const [busy, lobby] = await Promise.all([makeRoom(stack, alice!), makeRoom(stack, alice!)]);
  // 10 MB of history: more than the kernel's socket buffers take, so the replay must wait for bob.
  const history = 2500;
  await seedHistory(stack.db.db.$client, busy.id, alice!.id, history);
  const sender = await TestClient.connect(stack.port, alice!);
  const watcher = await TestClient.connect(stack.port, carol!);
  await sender.subscribe(busy.id);
  await watcher.subscribe(busy.id);
  await watcher.subscribe(lobby.id);
  const slow = await TestClient.connect(stack.port, bob!);
  await slow.subscribe(lobby.id);
  await waitUntilPresent(watcher, lobby.id, bob!.id);

  const socket = stopReading(slow);
  slow.send({ type: "subscribe", room: busy.id, since: 0 });
  // Live traffic until the server gives up on bob: 64 KiB is about 16 of these messages.
  const body = "l".repeat(4000);
  let top = history;
  const bobGone = () => !watcher.all("presence", (f) => f.room === lobby.id).at(-1)?.online?.some((u) => u.id === bob!.id);
  while (!bobGone()) {
    assert.ok(top < history + 1000, "bob was never closed");
    const acks = await Promise.all(Array.from({ length: 8 }, () => sender.sendMessage(busy.id, body, randomUUID())));
    top = Math.max(top, ...acks.map((a) => a.seq));
  }
  await waitUntilGone(watcher, lobby.id, bob!.id);
  socket.resume();
  assert.equal((await slow.waitClosed()).code, 4009);

  // Everyone else got every live message, once, in order, and was never closed.
  await watcher.next("message", (f) => f.seq === top);
  assert.deepEqual(
    watcher.all("message").map((f) => f.seq),
    Array.from({ length: top - history }, (_, i) => history + 1 + i),
  );
  assert.equal(sender.closed, null);
  assert.equal(watcher.closed, null);
  sender.close();
  watcher.close();
});

test("inbound frames queued past MAX_QUEUED_BYTES close the socket 4009; the user's other socket is untouched", async () => {
  const dave = await makeUser(stack, "cap_d");
  const room = await makeRoom(stack, dave);
  const flooder = await TestClient.connect(stack.port, dave);
  const other = await TestClient.connect(stack.port, dave);
  // 40 frames of 15 KB in one burst (unknown fields are dropped by the parser, but held until parsed):
  // each subscribe waits for the database, so far more than 64 KiB queue up behind the first.
  const pad = "p".repeat(15_000);
  for (let i = 0; i < 40; i++) flooder.send({ type: "subscribe", room: room.id, pad });
  assert.equal((await flooder.waitClosed()).code, 4009);
  const ack = await other.sendMessage(room.id, "still here");
  assert.equal(ack.seq, 1);
  other.close();
});

/** Just enough of a uWS socket for drained(): a send buffer that drains only when told. */
function fakeSocket(buffered: { bytes: number }) {
  const data = newSocketData({ id: "u1", username: "u" }, null);
  const ended: number[] = [];
  const ws = {
    getUserData: () => data,
    getBufferedAmount: () => buffered.bytes,
    end: (code: number) => ended.push(code),
  } as unknown as ClientSocket;
  return { ws, data, ended };
}

test("a replay waiting for a drain that never comes gives up after the timeout and closes 4009", async () => {
  const { ws, ended, data } = fakeSocket({ bytes: 900 });
  await drained(ws, 1000, 50);
  assert.deepEqual(ended, [4009]);
  assert.equal(data.closed, true);
});

test("a replay waiting for a drain goes on once the buffer is below half", async () => {
  const buffered = { bytes: 900 };
  const { ws, ended, data } = fakeSocket(buffered);
  const waiting = drained(ws, 1000, 60_000);
  buffered.bytes = 400;
  data.onDrain?.();
  await waiting;
  assert.deepEqual(ended, []);
});

test("a catch-up holds live frames up to its cap; past it, it is cancelled and its socket given up once", () => {
  let overflows = 0;
  const catchUp = new CatchUp("r1", { maxBytes: 10, onOverflow: () => overflows++ });
  catchUp.hold(1, "12345");
  catchUp.hold(2, "12345");
  assert.deepEqual(catchUp.buffer, [{ seq: 1, frame: "12345" }, { seq: 2, frame: "12345" }]);
  catchUp.hold(3, "1");
  catchUp.hold(4, "1");
  assert.equal(overflows, 1);
  assert.equal(catchUp.cancelled, true);
  assert.deepEqual(catchUp.buffer, []);
});
