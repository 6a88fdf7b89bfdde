import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { memberships, messages, reactions } from "../../db/schema";
import { CloseCode } from "../../protocol";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

/*
 * Edits, deletes, reactions, read markers and subscribes are each limited per
 * user: under the limit they work, over it they get `rate_limited` and change
 * nothing, and the fifth refusal in a window closes the socket with 4008.
 */
const limit = 3;
let stack: Stack;

before(async () => {
  stack = await startStack({
    limits: {
      editRateLimit: limit,
      deleteRateLimit: limit,
      reactRateLimit: limit,
      readRateLimit: limit,
      subscribeRateLimit: limit,
      frameRateWindowSeconds: 60,
    },
  });
});
afterEach(closeClients);
after(() => stopStack(stack));

async function userWithRoom(name: string) {
  const user = await makeUser(stack, name);
  const room = await makeRoom(stack, user);
  return { user, room, client: await TestClient.connect(stack.port, user) };
}

/** Frames of a socket are handled in order: once a malformed marker is answered, all before it were handled. */
async function settled(client: TestClient): Promise<void> {
  const ref = `marker-${randomUUID()}`;
  client.send({ type: "nonsense", room: ref });
  await client.next("error", (f) => f.ref === ref && f.code === "bad_request");
}

test("edit: up to the limit acked; over it rate_limited and the body stays", async () => {
  const { room, client } = await userWithRoom("edna");
  const sent = await client.sendMessage(room.id, "v0");
  for (let i = 1; i <= limit; i++) assert.equal((await client.request({ type: "edit", room: room.id, id: sent.id, body: `v${i}` })).type, "ack");
  const refused = await client.request({ type: "edit", room: room.id, id: sent.id, body: "too many" });
  assert.deepEqual([refused.type, refused.type === "error" && refused.code], ["error", "rate_limited"]);
  const [row] = await stack.db.db.select({ body: messages.body }).from(messages).where(eq(messages.id, Number(sent.id)));
  assert.equal(row!.body, `v${limit}`);
  client.close();
});

test("delete: up to the limit acked; over it rate_limited and the message stays", async () => {
  const { room, client } = await userWithRoom("dave");
  const sent = [];
  for (let i = 0; i <= limit; i++) sent.push(await client.sendMessage(room.id, `m${i}`));
  for (const m of sent.slice(0, limit)) assert.equal((await client.request({ type: "delete", room: room.id, id: m.id })).type, "ack");
  const refused = await client.request({ type: "delete", room: room.id, id: sent[limit]!.id });
  assert.equal(refused.type === "error" && refused.code, "rate_limited");
  const [row] = await stack.db.db.select({ deletedAt: messages.deletedAt }).from(messages).where(eq(messages.id, Number(sent[limit]!.id)));
  assert.equal(row!.deletedAt, null);
  client.close();
});

test("react: up to the limit acked; over it rate_limited and no reaction stored", async () => {
  const { room, client } = await userWithRoom("rita");
  const sent = await client.sendMessage(room.id, "react to me");
  for (const emoji of ["👍", "❤️", "🎉"]) {
    assert.equal((await client.request({ type: "react", room: room.id, id: sent.id, emoji, on: true })).type, "ack");
  }
  const refused = await client.request({ type: "react", room: room.id, id: sent.id, emoji: "😀", on: true });
  assert.equal(refused.type === "error" && refused.code, "rate_limited");
  const stored = await stack.db.db.select({ emoji: reactions.emoji }).from(reactions).where(eq(reactions.messageId, Number(sent.id)));
  assert.deepEqual(stored.map((r) => r.emoji).sort(), ["❤️", "🎉", "👍"].sort());
  client.close();
});

test("read: up to the limit moves the marker; over it rate_limited (ref: the room) and the marker stays", async () => {
  const { user, room, client } = await userWithRoom("reed");
  for (let seq = 1; seq <= limit + 1; seq++) client.send({ type: "read", room: room.id, seq });
  const refused = await client.next("error", (f) => f.ref === room.id);
  assert.equal(refused.code, "rate_limited");
  await settled(client);
  assert.equal(client.all("error", (f) => f.ref === room.id).length, 1, "only the read over the limit is answered");
  const [row] = await stack.db.db
    .select({ lastReadSeq: memberships.lastReadSeq })
    .from(memberships)
    .where(and(eq(memberships.roomId, room.id), eq(memberships.userId, user.id)));
  assert.equal(row!.lastReadSeq, limit);
  client.close();
});

test("subscribe: up to the limit subscribed; over it rate_limited, not joined, not subscribed", async () => {
  const owner = await makeUser(stack, "sue");
  const { user, client } = await userWithRoom("sam");
  const rooms = await Promise.all(Array.from({ length: limit + 1 }, () => makeRoom(stack, owner)));
  for (const room of rooms.slice(0, limit)) await client.subscribe(room.id);
  const last = rooms[limit]!;
  client.send({ type: "subscribe", room: last.id });
  assert.equal((await client.next("error", (f) => f.ref === last.id)).code, "rate_limited");
  await settled(client);
  assert.equal(client.all("subscribed", (f) => f.room === last.id).length, 0);
  const joined = await stack.db.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.roomId, last.id), eq(memberships.userId, user.id)));
  assert.equal(joined.length, 0, "a refused subscribe does not join the public room");
  client.close();
});

/** A frame of each kind; the targets need not exist, a refused or failed frame counts all the same. */
const frames: Record<string, (room: string) => Record<string, unknown>> = {
  edit: (room) => ({ type: "edit", room, id: "999999", body: "x", reqId: randomUUID() }),
  delete: (room) => ({ type: "delete", room, id: "999999", reqId: randomUUID() }),
  react: (room) => ({ type: "react", room, id: "999999", emoji: "👍", on: true, reqId: randomUUID() }),
  read: (room) => ({ type: "read", room, seq: 1 }),
  subscribe: () => ({ type: "subscribe", room: randomUUID() }),
};

for (const [kind, frame] of Object.entries(frames)) {
  test(`${kind}: five refusals in the window close the socket with 4008, the other kinds are not counted`, async () => {
    const { room, client } = await userWithRoom(`flood_${kind}`);
    for (let i = 0; i < limit + 4; i++) client.send(frame(room.id));
    await settled(client);
    assert.equal(client.all("error", (f) => f.code === "rate_limited").length, 4);
    assert.equal(client.closed, null, "four refusals are not yet abuse");
    const other = Object.keys(frames).find((k) => k !== kind)!;
    client.send(frames[other]!(room.id));
    await settled(client);
    assert.equal(client.all("error", (f) => f.code === "rate_limited").length, 4, `a ${other} frame has a budget of its own`);
    client.send(frame(room.id));
    assert.equal((await client.waitClosed()).code, CloseCode.abuse.code);
  });
}
