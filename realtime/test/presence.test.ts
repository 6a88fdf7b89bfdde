import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

let stack: Stack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
const intervalMs = 200;
/** Long enough for a reconnect on a busy box, short enough to wait out in a test. */
const graceMs = 3000;

before(async () => {
  stack = await startStack({ limits: { presenceListMax: 2, presenceIntervalMs: intervalMs }, env: { PRESENCE_GRACE_MS: String(graceMs) } });
  [alice, bob, carol, dave] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob"), makeUser(stack, "carol"), makeUser(stack, "dave")]);
});
afterEach(closeClients);
after(() => stopStack(stack));

const names = (f: { online?: { username: string }[] }) => f.online?.map((u) => u.username).sort() ?? [];

test("presence on subscribe and to every subscriber on change; one entry per user", async () => {
  const room = await makeRoom(stack, alice);
  const a = await TestClient.connect(stack.port, alice);
  await a.subscribe(room.id);
  const first = await a.next("presence", (f) => f.room === room.id);
  assert.deepEqual(first, { type: "presence", room: room.id, online: [{ id: alice.id, username: "alice" }], count: 1 });

  const b = await TestClient.connect(stack.port, bob);
  const bTab2 = await TestClient.connect(stack.port, bob);
  await b.subscribe(room.id);
  await bTab2.subscribe(room.id);
  await a.next("presence", (f) => f.count === 2);
  assert.deepEqual(names((await b.next("presence", (f) => f.count === 2))), ["alice", "bob"]);

  // One of bob's two sockets leaving changes nothing; the last one leaving does.
  bTab2.close();
  b.send({ type: "unsubscribe", room: room.id });
  await a.next("presence", (f) => f.count === 1 && a.all("presence", (p) => p.count === 2).length > 0);
  b.close();
  a.close();
});

test("above PRESENCE_LIST_MAX only the count is sent", async () => {
  const room = await makeRoom(stack, alice);
  const clients = await Promise.all([alice, bob, carol].map((u) => TestClient.connect(stack.port, u)));
  for (const c of clients) await c.subscribe(room.id);
  const big = await clients[0]!.next("presence", (f) => f.count === 3);
  assert.equal(big.online, undefined);
  for (const c of clients) c.close();
});

test("changes are coalesced: a burst of joins gives at most one frame per interval", async () => {
  const room = await makeRoom(stack, alice);
  const watcher = await TestClient.connect(stack.port, alice);
  const startedAt = Date.now();
  await watcher.subscribe(room.id);
  await watcher.next("presence");
  const users = await Promise.all(Array.from({ length: 6 }, (_, i) => makeUser(stack, `burst${i}`)));
  const clients = await Promise.all(users.map((u) => TestClient.connect(stack.port, u)));
  await Promise.all(clients.map((c) => c.subscribe(room.id)));
  await watcher.next("presence", (f) => f.count === 7);
  // The watcher's snapshot, then at most one broadcast per interval of the time all this took:
  // a few frames for 6 joins on a quiet box, still a bound (not a race) on a busy one.
  const bound = 2 + Math.floor((Date.now() - startedAt) / intervalMs);
  assert.ok(watcher.all("presence").length <= bound, `got ${watcher.all("presence").length} presence frames, bound ${bound}`);
  for (const c of [watcher, ...clients]) c.close();
});

test("a reload within the grace period does not show the user offline", async () => {
  const room = await makeRoom(stack, alice);
  const watcher = await TestClient.connect(stack.port, bob);
  await watcher.subscribe(room.id);
  let a = await TestClient.connect(stack.port, alice);
  const d = await TestClient.connect(stack.port, dave);
  await a.subscribe(room.id);
  await d.subscribe(room.id);
  // Above PRESENCE_LIST_MAX (2) a frame has only the count: 3 is all of them.
  const full = await watcher.next("presence", (f) => f.count === 3);
  const afterFull = (f: object) => watcher.frames.indexOf(f as never) > watcher.frames.indexOf(full);
  // The server has run alice's leave once her close is seen, and dave's after hers.
  a.close();
  await a.waitClosed();
  d.close();
  await d.waitClosed();
  // A reload takes a while: longer than a presence interval (so a frame would go out), well inside the grace.
  await pause(2 * intervalMs);
  a = await TestClient.connect(stack.port, alice);
  await a.subscribe(room.id);
  // Dave's grace started after alice's, so it runs out after hers would have:
  // the frame that drops dave is the marker, and alice is in every frame up to it.
  await watcher.next("presence", (f) => afterFull(f) && f.online !== undefined && !names(f).includes("dave"));
  const frames = watcher.all("presence", afterFull);
  assert.ok(frames.every((f) => f.count === 3 || names(f).includes("alice")), JSON.stringify(frames));
  for (const client of [watcher, a]) client.close();
});

/** A reload's gap: part of the scenario, not a wait for anything. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
