import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { messages } from "../../db/schema";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

let stack: Stack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

before(async () => {
  stack = await startStack({ limits: { maxBodyCodePoints: 50 } });
  [alice, bob, carol] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob"), makeUser(stack, "carol")]);
});
afterEach(closeClients);
after(() => stopStack(stack));

test("send: ack after commit; every subscriber, the sender included, gets the message frame", async () => {
  const room = await makeRoom(stack, alice);
  const [a, b] = await Promise.all([TestClient.connect(stack.port, alice), TestClient.connect(stack.port, bob)]);
  await a.subscribe(room.id);
  await b.subscribe(room.id);
  const ack = await a.sendMessage(room.id, "hello bob");
  assert.equal(ack.room, room.id);
  assert.equal(ack.seq, 1);
  for (const client of [a, b]) {
    const frame = await client.next("message", (f) => f.message.id === ack.id);
    assert.equal(frame.seq, 1);
    assert.equal(frame.message.body, "hello bob");
    assert.deepEqual(frame.message.author, { id: alice.id, username: "alice" });
    assert.equal(frame.message.version, 1);
    assert.deepEqual(frame.message.reactions, {});
  }
  const [row] = await stack.db.db.select().from(messages).where(eq(messages.id, Number(ack.id)));
  assert.equal(row?.body, "hello bob");
  a.close();
  b.close();
});

test("a repeated clientMsgId gets the same ack, stores one row and broadcasts nothing", async () => {
  const room = await makeRoom(stack, alice);
  const [a, b] = await Promise.all([TestClient.connect(stack.port, alice), TestClient.connect(stack.port, bob)]);
  await a.subscribe(room.id);
  await b.subscribe(room.id);
  const clientMsgId = randomUUID();
  const first = await a.sendMessage(room.id, "once", clientMsgId);
  await b.next("message", (f) => f.message.clientMsgId === clientMsgId);
  // Again on the same socket, then from a new socket (as after a reconnect).
  a.send({ type: "send", room: room.id, clientMsgId, body: "once" });
  await a.next("ack", (f) => f.clientMsgId === clientMsgId && a.all("ack").length === 2);
  const again = await TestClient.connect(stack.port, alice);
  const third = await again.sendMessage(room.id, "once", clientMsgId);
  for (const ack of [...a.all("ack"), third]) assert.deepEqual({ id: ack.id, seq: ack.seq }, { id: first.id, seq: first.seq });
  // A later message proves the stream moved on without a second copy.
  const marker = await a.sendMessage(room.id, "after");
  await b.next("message", (f) => f.message.id === marker.id);
  assert.equal(b.all("message", (f) => f.message.clientMsgId === clientMsgId).length, 1);
  const rows = await stack.db.db.select().from(messages).where(eq(messages.clientMsgId, clientMsgId));
  assert.equal(rows.length, 1);
  for (const c of [a, b, again]) c.close();
});

test("a private room is not_found to a non-member, for subscribe and send", async () => {
  const room = await makeRoom(stack, alice, "private");
  const c = await TestClient.connect(stack.port, carol);
  c.send({ type: "subscribe", room: room.id });
  const subErr = await c.next("error", (f) => f.ref === room.id);
  assert.equal(subErr.code, "not_found");
  const clientMsgId = randomUUID();
  c.send({ type: "send", room: room.id, clientMsgId, body: "let me in" });
  const sendErr = await c.next("error", (f) => f.ref === clientMsgId);
  assert.equal(sendErr.code, "not_found");
  c.send({ type: "subscribe", room: randomUUID() });
  assert.equal((await c.next("error", (f) => f.code === "not_found" && f.ref !== room.id && f.ref !== clientMsgId)).code, "not_found");
  const rows = await stack.db.db.select().from(messages).where(eq(messages.roomId, room.id));
  assert.equal(rows.length, 0);
  c.close();
});

test("malformed frames get bad_request and the socket keeps working", async () => {
  const room = await makeRoom(stack, alice);
  const a = await TestClient.connect(stack.port, alice);
  const bad = [
    "not json",
    JSON.stringify({ type: "shout", room: room.id }),
    JSON.stringify({ type: "send", room: room.id, body: "no id" }),
    JSON.stringify({ type: "send", room: room.id, clientMsgId: "not-a-uuid", body: "x" }),
    JSON.stringify([1, 2, 3]),
  ];
  for (const text of bad) a.send(text);
  await a.next("error", () => a.all("error").length === bad.length);
  assert.ok(a.all("error").every((f) => f.code === "bad_request"));
  assert.equal(a.all("error", (f) => f.ref === "not-a-uuid").length, 1);
  const ack = await a.sendMessage(room.id, "still here");
  assert.equal(ack.room, room.id);
  a.close();
});

test("a body over the limit is too_large, a blank one bad_request; nothing stored", async () => {
  const room = await makeRoom(stack, alice);
  const a = await TestClient.connect(stack.port, alice);
  const big = randomUUID();
  a.send({ type: "send", room: room.id, clientMsgId: big, body: "😀".repeat(51) });
  assert.equal((await a.next("error", (f) => f.ref === big)).code, "too_large");
  const blank = randomUUID();
  a.send({ type: "send", room: room.id, clientMsgId: blank, body: "  \n " });
  assert.equal((await a.next("error", (f) => f.ref === blank)).code, "bad_request");
  const ok = await a.sendMessage(room.id, "😀".repeat(50));
  assert.equal(ok.seq, 1);
  a.close();
});

test("a frame over MAX_FRAME_BYTES closes the socket with 1009", async () => {
  const a = await TestClient.connect(stack.port, alice);
  a.send("x".repeat(stack.config.limits.maxFrameBytes + 1));
  assert.equal((await a.waitClosed()).code, 1009);
});

test("subscribing to a public room joins it; read moves the marker forward only", async () => {
  const room = await makeRoom(stack, alice);
  const c = await TestClient.connect(stack.port, carol);
  const subscribed = await c.subscribe(room.id);
  assert.deepEqual(subscribed, { type: "subscribed", room: room.id, lastSeq: 0, recovered: true });
  const { memberships } = await import("../../db/schema");
  const { and } = await import("drizzle-orm");
  const marker = async () => {
    const where = and(eq(memberships.roomId, room.id), eq(memberships.userId, carol.id));
    return (await stack.db.db.select().from(memberships).where(where))[0]?.lastReadSeq;
  };
  assert.equal(await marker(), 0);
  c.send({ type: "read", room: room.id, seq: 5 });
  c.send({ type: "read", room: room.id, seq: 3 });
  c.send({ type: "unsubscribe", room: room.id });
  await c.next("unsubscribed", (f) => f.room === room.id);
  assert.equal(await marker(), 5);
  c.close();
});
