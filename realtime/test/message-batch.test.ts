import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { insertMessageBatch } from "../../db/queries/message-batch";
import { createRoom } from "../../db/queries/rooms";
import { createUser } from "../../db/queries/users";
import { messages, rooms } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../test/db";

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase("chat_rt");
});
after(() => t.drop());

test("one batch across rooms: seqs per room, repeats (in batch and stored) answered with the original", async () => {
  const user = (await createUser(t.db, { username: "writer", passwordHash: "x" }))!;
  const r1 = await createRoom(t.db, { name: "one", kind: "public", ownerId: user.id });
  const r2 = await createRoom(t.db, { name: "two", kind: "public", ownerId: user.id });
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const item = (roomId: string, clientMsgId: string) => ({ roomId, authorId: user.id, clientMsgId, body: clientMsgId });
  const first = await insertMessageBatch(t.db, [item(r1.id, a), item(r2.id, b), item(r1.id, a)]);
  assert.deepEqual(first.map((w) => [w?.roomId, w?.seq, w?.duplicate]), [
    [r1.id, 1, false],
    [r2.id, 1, false],
    [r1.id, 1, true],
  ]);
  assert.equal(first[2]?.id, first[0]?.id);

  const second = await insertMessageBatch(t.db, [item(r1.id, a), item(r1.id, c)]);
  assert.deepEqual(second.map((w) => [w?.seq, w?.duplicate]), [
    [1, true],
    [2, false], // a stored repeat is found before seqs are taken: no seq is skipped
  ]);
  const [room] = await t.db.select().from(rooms).where(eq(rooms.id, r1.id));
  assert.equal(room?.lastSeq, 2);
  // The same UUID in upper case is the same clientMsgId.
  const shouted = await insertMessageBatch(t.db, [item(r1.id, c.toUpperCase())]);
  assert.deepEqual(shouted.map((w) => [w?.seq, w?.duplicate]), [[2, true]]);
  assert.equal((await t.db.select().from(messages).where(eq(messages.roomId, r1.id))).length, 2);
  assert.deepEqual(await insertMessageBatch(t.db, [item(randomUUID(), randomUUID())]), [null]);
});

test("batches racing on the same rooms and clientMsgIds: no deadlock, each key stored once, seqs contiguous", async () => {
  const user = (await createUser(t.db, { username: "racer", passwordHash: "x" }))!;
  const r1 = await createRoom(t.db, { name: "race one", kind: "public", ownerId: user.id });
  const r2 = await createRoom(t.db, { name: "race two", kind: "public", ownerId: user.id });
  const keys = Array.from({ length: 40 }, () => randomUUID());
  const item = (i: number) => ({ roomId: i % 2 ? r1.id : r2.id, authorId: user.id, clientMsgId: keys[i]!, body: `m${i}` });
  // Six batches over the same keys in different orders, all at once.
  const orders = Array.from({ length: 6 }, (_, b) => keys.map((_, i) => item((i * (b + 1) + b) % keys.length)));
  const results = await Promise.all(orders.map((batch) => insertMessageBatch(t.db, batch)));

  const seqOf = new Map<string, number>();
  for (const [b, batch] of orders.entries()) {
    batch.forEach((sent, i) => {
      const written = results[b]![i]!;
      assert.equal(written.roomId, sent.roomId);
      const earlier = seqOf.get(sent.clientMsgId);
      if (earlier !== undefined) assert.equal(written.seq, earlier, "every batch sees the same original");
      seqOf.set(sent.clientMsgId, written.seq);
    });
  }
  assert.equal(results.flat().filter((w) => !w!.duplicate).length, keys.length, "each key is new exactly once");
  for (const room of [r1, r2]) {
    const stored = await t.db.select({ seq: messages.seq }).from(messages).where(eq(messages.roomId, room.id));
    assert.deepEqual(stored.map((m) => m.seq).sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i + 1));
  }
});
