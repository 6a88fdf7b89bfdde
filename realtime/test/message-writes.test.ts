import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { insertMessageBatch } from "../../db/queries/message-writes";
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
