import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { messages } from "../../db/schema";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

let stack: Stack;

before(async () => {
  stack = await startStack({ limits: { sendRateLimit: 3, sendRateWindowSeconds: 60, typingIntervalMs: 60_000 } });
});
afterEach(closeClients);
after(() => stopStack(stack));

async function userInRoom(name: string) {
  const user = await makeUser(stack, name);
  const room = await makeRoom(stack, user);
  return { user, room, client: await TestClient.connect(stack.port, user) };
}

test("over the send limit: rate_limited, nothing stored; repeats of stored ids are still acked for free", async () => {
  const { room, client } = await userInRoom("dora");
  const acks = [];
  for (let i = 0; i < 3; i++) acks.push(await client.sendMessage(room.id, `m${i}`));
  const refused = randomUUID();
  client.send({ type: "send", room: room.id, clientMsgId: refused, body: "one too many" });
  assert.equal((await client.next("error", (f) => f.ref === refused)).code, "rate_limited");
  assert.equal((await stack.db.db.select().from(messages).where(eq(messages.clientMsgId, refused))).length, 0);
  // A resend of an already stored message does not count and gets its original ack.
  const repeat = acks[1]!;
  client.send({ type: "send", room: room.id, clientMsgId: repeat.clientMsgId, body: "m1" });
  await client.next("ack", (f) => f.clientMsgId === repeat.clientMsgId && client.all("ack").length === 4);
  assert.deepEqual(client.all("ack").slice(-1)[0], repeat);
  assert.equal(client.closed, null);
  client.close();
});

test("a duplicate clientMsgId does not use up the limit", async () => {
  const { room, client } = await userInRoom("erin");
  const clientMsgId = randomUUID();
  for (let i = 0; i < 6; i++) await client.sendMessage(room.id, "same", clientMsgId);
  await client.next("ack", () => client.all("ack").length === 6);
  const fresh = await client.sendMessage(room.id, "a new one");
  assert.equal(fresh.seq, 2);
  client.close();
});

test("five refusals in the window close the socket with 4008", async () => {
  const { room, client } = await userInRoom("fred");
  for (let i = 0; i < 3; i++) await client.sendMessage(room.id, `m${i}`);
  for (let i = 0; i < 5; i++) client.send({ type: "send", room: room.id, clientMsgId: randomUUID(), body: "spam" });
  const closed = await client.waitClosed();
  assert.equal(closed.code, 4008);
  assert.ok(client.all("error").every((f) => f.code === "rate_limited"));
  assert.equal(client.all("error").length, 4);
});

test("typing reaches the others, not the sender, and is throttled per user and room", async () => {
  const { user, room, client: a } = await userInRoom("gina");
  const hank = await makeUser(stack, "hank");
  const b = await TestClient.connect(stack.port, hank);
  const aSecond = await TestClient.connect(stack.port, user);
  for (const c of [a, b, aSecond]) await c.subscribe(room.id);
  a.send({ type: "typing", room: room.id });
  a.send({ type: "typing", room: room.id });
  const typing = await b.next("typing");
  assert.deepEqual(typing, { type: "typing", room: room.id, user: { id: user.id, username: "gina" } });
  // The sender's other tab sees it too; the sending socket itself does not.
  await aSecond.next("typing");
  const marker = await a.sendMessage(room.id, "marker");
  await b.next("message", (f) => f.message.id === marker.id);
  assert.equal(b.all("typing").length, 1);
  assert.equal(a.all("typing").length, 0);
  for (const c of [a, b, aSecond]) c.close();
});
