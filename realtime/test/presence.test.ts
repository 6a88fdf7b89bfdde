import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

let stack: Stack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

before(async () => {
  stack = await startStack({ presenceListMax: 2, presenceIntervalMs: 200 }, undefined, { PRESENCE_GRACE_MS: "300" });
  [alice, bob, carol] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob"), makeUser(stack, "carol")]);
});
after(() => stopStack(stack));

const names = (f: { online?: { username: string }[] }) => f.online?.map((u) => u.username).sort();

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

test("changes are coalesced: a burst of joins gives few frames", async () => {
  const room = await makeRoom(stack, alice);
  const watcher = await TestClient.connect(stack.port, alice);
  await watcher.subscribe(room.id);
  await watcher.next("presence");
  const users = await Promise.all(Array.from({ length: 6 }, (_, i) => makeUser(stack, `burst${i}`)));
  const clients = await Promise.all(users.map((u) => TestClient.connect(stack.port, u)));
  await Promise.all(clients.map((c) => c.subscribe(room.id)));
  await watcher.next("presence", (f) => f.count === 7);
  // 6 joins, yet at most a first frame plus a coalesced one or two (interval 200 ms).
  assert.ok(watcher.all("presence").length <= 4, `got ${watcher.all("presence").length} presence frames`);
  for (const c of [watcher, ...clients]) c.close();
});

test("a reload within the grace period does not show the user offline", async () => {
  const room = await makeRoom(stack, alice);
  const watcher = await TestClient.connect(stack.port, bob);
  await watcher.subscribe(room.id);
  let a = await TestClient.connect(stack.port, alice);
  await a.subscribe(room.id);
  await watcher.next("presence", (f) => f.count === 2);
  a.close();
  await a.waitClosed();
  a = await TestClient.connect(stack.port, alice);
  await a.subscribe(room.id);
  // Past the grace (300 ms) the user is still there: carol's arrival is the next change anyone sees.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const c = await TestClient.connect(stack.port, carol);
  await c.subscribe(room.id);
  await watcher.next("presence", (f) => f.count === 3);
  assert.ok(watcher.all("presence").slice(1).every((f) => f.count >= 2), JSON.stringify(watcher.all("presence")));
  for (const client of [watcher, a, c]) client.close();
});
