import assert from "node:assert/strict";
import { test } from "node:test";
import { listRoomsForUser } from "../db/queries/room-list";
import { accessKey, createRoom, getRoomAccess, getRoomAccessMany, getOrCreateDm } from "../db/queries/rooms";
import { createUser } from "../db/queries/users";
import { createTestDatabase } from "./db";

test("rooms: access rule, DM is one room from either side", async () => {
  const t = await createTestDatabase();
  try {
    const a = (await createUser(t.db, { username: "alice", passwordHash: "x" }))!;
    const b = (await createUser(t.db, { username: "bob", passwordHash: "x" }))!;
    const c = (await createUser(t.db, { username: "carol", passwordHash: "x" }))!;
    assert.equal(await createUser(t.db, { username: "alice", passwordHash: "y" }), null);
    const priv = await createRoom(t.db, { name: "secret", kind: "private", ownerId: a.id });
    const pub = await createRoom(t.db, { name: "lobby", kind: "public", ownerId: a.id });
    assert.ok(await getRoomAccess(t.db, priv.id, a.id));
    assert.equal(await getRoomAccess(t.db, priv.id, b.id), null);
    assert.ok(await getRoomAccess(t.db, pub.id, b.id));
    const dm1 = await getOrCreateDm(t.db, a, b);
    const dm2 = await getOrCreateDm(t.db, b, a);
    assert.equal(dm1.id, dm2.id);
    assert.equal(await getRoomAccess(t.db, dm1.id, c.id), null);
    // The batched form gives the same answers, and says who is a member already.
    const pairs = [
      { roomId: priv.id, userId: a.id },
      { roomId: priv.id, userId: b.id },
      { roomId: pub.id, userId: b.id },
      { roomId: dm1.id, userId: b.id },
      { roomId: dm1.id, userId: c.id },
      { roomId: "not-a-room", userId: c.id },
    ];
    const many = await getRoomAccessMany(t.db, pairs);
    assert.deepEqual(pairs.map((p) => many.get(accessKey(p))), [{ member: true }, undefined, { member: false }, { member: true }, undefined, undefined]);
    const names = (await listRoomsForUser(t.db, c.id)).map((r) => r.name);
    assert.deepEqual(names, ["lobby"]);
  } finally {
    await t.drop();
  }
});
