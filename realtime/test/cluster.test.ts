import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { messages } from "../../db/schema";
import { health, roomAcrossSidecars, startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeRoom, makeUser, TestClient, type TestUser } from "./helpers";

/* Two sidecars in one process, one database, the shared Redis under a unique prefix: they must act as one. */
let stack: ClusterStack;
let alice: TestUser;
let bob: TestUser;
let portA: number;
let portB: number;

before(async () => {
  stack = await startClusterStack({ env: { PRESENCE_GRACE_MS: "300" }, limits: { sendRateLimit: 4, sendRateWindowSeconds: 60, presenceIntervalMs: 100 } });
  [portA, portB] = stack.ports as [number, number];
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
});
afterEach(closeClients);
after(() => stopClusterStack(stack));

test("health reports the broker up on both sidecars", async () => {
  for (const port of stack.ports) assert.deepEqual(await health(port), { status: 200, body: { ok: true, broker: "up" } });
});

test("a message sent on A reaches a client on B, and an edit follows it", async () => {
  const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
  const ack = await a.sendMessage(room.id, "hello from A");
  const seen = await b.next("message", (f) => f.seq === ack.seq);
  assert.equal(seen.message.body, "hello from A");
  a.send({ type: "edit", room: room.id, id: ack.id, body: "edited on A", reqId: "r1" });
  const edited = await b.next("message", (f) => f.message.body === "edited on A");
  assert.equal(edited.seq, ack.seq + 1);
  assert.deepEqual(b.all("message").map((f) => f.seq), [ack.seq, ack.seq + 1]);
  a.close();
  b.close();
});

test("presence of a user on A shows on B, and so does their leaving", async () => {
  const room = await makeRoom(stack, alice);
  const b = await TestClient.connect(portB, bob);
  await b.subscribe(room.id);
  const a = await TestClient.connect(portA, alice);
  await a.subscribe(room.id);
  const both = await b.next("presence", (f) => f.count === 2);
  assert.deepEqual(both.online?.map((u) => u.username).sort(), ["alice", "bob"]);
  // A's own snapshot on subscribe already lists bob, who is on B.
  assert.equal((await a.next("presence")).count, 2);
  a.close();
  const afterBoth = (f: object) => b.frames.indexOf(f as never) > b.frames.indexOf(both);
  const alone = await b.next("presence", (f) => f.count === 1 && afterBoth(f));
  assert.deepEqual(alone.online, [{ id: bob.id, username: "bob" }]);
  b.close();
});

test("typing crosses sidecars and is not echoed to the sender", async () => {
  const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
  // B's presence snapshot follows its joining the room's topics: only then can it hear typing.
  await b.next("presence");
  a.send({ type: "typing", room: room.id });
  assert.deepEqual(await b.next("typing"), { type: "typing", room: room.id, user: { id: alice.id, username: "alice" } });
  const marker = await a.sendMessage(room.id, "marker");
  await a.next("message", (f) => f.seq === marker.seq);
  await b.next("message", (f) => f.seq === marker.seq);
  assert.equal(a.all("typing").length, 0);
  a.close();
  b.close();
});

test("the send limit counts a user's sends on both sidecars together", async () => {
  const carol = await makeUser(stack, "carol");
  const room = await makeRoom(stack, carol);
  const a = await TestClient.connect(portA, carol);
  const b = await TestClient.connect(portB, carol);
  await a.sendMessage(room.id, "1");
  await b.sendMessage(room.id, "2");
  await a.sendMessage(room.id, "3");
  await b.sendMessage(room.id, "4");
  const refused = randomUUID();
  b.send({ type: "send", room: room.id, clientMsgId: refused, body: "5" });
  assert.equal((await b.next("error", (f) => f.ref === refused)).code, "rate_limited");
  a.close();
  b.close();
});

test("the same clientMsgId sent to A then B gets the same ack and stores one row", async () => {
  const dave = await makeUser(stack, "dave");
  const room = await makeRoom(stack, dave);
  const clientMsgId = randomUUID();
  const a = await TestClient.connect(portA, dave);
  const first = await a.sendMessage(room.id, "once", clientMsgId);
  a.close();
  const b = await TestClient.connect(portB, dave);
  const again = await b.sendMessage(room.id, "once", clientMsgId);
  assert.deepEqual(again, first);
  assert.equal((await stack.db.db.select().from(messages).where(eq(messages.clientMsgId, clientMsgId))).length, 1);
  b.close();
});

test("many senders on both sidecars: every client sees every change once, in seq order after sorting, none missing", async () => {
  const room = await makeRoom(stack, alice);
  const watchers = await Promise.all([TestClient.connect(portA, bob), TestClient.connect(portB, bob)]);
  for (const w of watchers) await w.subscribe(room.id);
  const senders = await Promise.all(
    Array.from({ length: 4 }, async (_, i) => TestClient.connect(stack.ports[i % 2]!, await makeUser(stack, `s${i}`))),
  );
  const acks = await Promise.all(senders.flatMap((s) => [1, 2, 3].map((n) => s.sendMessage(room.id, `m${n}`))));
  const top = Math.max(...acks.map((x) => x.seq));
  for (const w of watchers) {
    await w.next("message", () => w.all("message").length >= acks.length);
    assert.deepEqual(w.all("message").map((f) => f.seq).sort((x, y) => x - y), Array.from({ length: top }, (_, i) => i + 1));
  }
  for (const c of [...watchers, ...senders]) c.close();
});
