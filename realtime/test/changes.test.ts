import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { rooms } from "../../db/schema";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

let stack: Stack;
let owner: TestUser;
let author: TestUser;
let other: TestUser;

before(async () => {
  stack = await startStack();
  [owner, author, other] = await Promise.all([makeUser(stack, "owner"), makeUser(stack, "author"), makeUser(stack, "other")]);
});
afterEach(closeClients);
after(() => stopStack(stack));

async function setup() {
  const room = await makeRoom(stack, owner);
  const [o, a, x] = await Promise.all([owner, author, other].map((u) => TestClient.connect(stack.port, u)));
  for (const c of [o!, a!, x!]) await c.subscribe(room.id);
  const sent = await a!.sendMessage(room.id, "original");
  return { room, o: o!, a: a!, x: x!, sent };
}

test("only the author edits; the edit takes the next seq and reaches everyone", async () => {
  const { room, o, a, x, sent } = await setup();
  const refused = await x.request({ type: "edit", room: room.id, id: sent.id, body: "hijacked" });
  assert.equal(refused.type === "error" && refused.code, "forbidden");
  const byOwner = await o.request({ type: "edit", room: room.id, id: sent.id, body: "moderated" });
  assert.equal(byOwner.type === "error" && byOwner.code, "forbidden", "the owner deletes others' messages but never rewrites them");
  const ack = await a.request({ type: "edit", room: room.id, id: sent.id, body: "edited" });
  assert.equal(ack.type, "ack");
  assert.deepEqual({ ...ack, reqId: undefined }, { type: "ack", reqId: undefined, room: room.id, id: sent.id, seq: sent.seq + 1 });
  const frame = await o.next("message", (f) => f.seq === sent.seq + 1);
  assert.equal(frame.message.body, "edited");
  assert.equal(frame.message.seq, sent.seq);
  assert.equal(frame.message.version, sent.seq + 1);
  assert.ok(frame.message.editedAt);
  const [row] = await stack.db.db.select().from(rooms).where(eq(rooms.id, room.id));
  assert.equal(row?.lastSeq, sent.seq + 1);
  const missing = await a.request({ type: "edit", room: room.id, id: "999999", body: "x" });
  assert.equal(missing.type === "error" && missing.code, "not_found");
  for (const c of [o, a, x]) c.close();
});

test("the author or the room owner deletes; anyone else is forbidden", async () => {
  const { room, o, a, x, sent } = await setup();
  const refused = await x.request({ type: "delete", room: room.id, id: sent.id });
  assert.equal(refused.type === "error" && refused.code, "forbidden");
  const ack = await o.request({ type: "delete", room: room.id, id: sent.id });
  assert.equal(ack.type === "ack" && ack.seq, sent.seq + 1);
  const frame = await a.next("message", (f) => f.seq === sent.seq + 1);
  assert.equal(frame.message.deleted, true);
  assert.equal(frame.message.body, "");
  // The author's own message, deleted by the author.
  const mine = await a.sendMessage(room.id, "mine");
  const own = await a.request({ type: "delete", room: room.id, id: mine.id });
  assert.equal(own.type, "ack");
  for (const c of [o, a, x]) c.close();
});

test("reactions toggle with a seq each; a no-op toggle is acked without a new seq", async () => {
  const { room, o, a, x, sent } = await setup();
  const on = await x.request({ type: "react", room: room.id, id: sent.id, emoji: "👍", on: true });
  assert.equal(on.type === "ack" && on.seq, sent.seq + 1);
  const frame = await a.next("message", (f) => f.seq === sent.seq + 1);
  assert.deepEqual(frame.message.reactions, { "👍": ["other"] });
  const again = await x.request({ type: "react", room: room.id, id: sent.id, emoji: "👍", on: true });
  assert.equal(again.type === "ack" && again.seq, sent.seq + 1);
  const off = await x.request({ type: "react", room: room.id, id: sent.id, emoji: "👍", on: false });
  assert.equal(off.type === "ack" && off.seq, sent.seq + 2);
  assert.deepEqual((await a.next("message", (f) => f.seq === sent.seq + 2)).message.reactions, {});
  for (const c of [o, a, x]) c.close();
});

test("changes are replayed by since in version order, current state only", async () => {
  const { room, o, a, x, sent } = await setup();
  const second = await a.sendMessage(room.id, "second");
  await a.request({ type: "edit", room: room.id, id: sent.id, body: "first, edited" });
  const late = await TestClient.connect(stack.port, other);
  await late.subscribe(room.id, sent.seq);
  await late.next("message", (f) => f.seq === second.seq + 1);
  assert.deepEqual(late.all("message").map((f) => [f.seq, f.message.body]), [
    [second.seq, "second"],
    [second.seq + 1, "first, edited"],
  ]);
  for (const c of [o, a, x, late]) c.close();
});
