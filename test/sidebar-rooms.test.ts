import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { insertMessageBatch } from "../db/queries/message-batch";
import { deleteMessage } from "../db/queries/message-writes";
import { createRoom, getOrCreateDm, joinRoom, markRead } from "../db/queries/rooms";
import { getSidebarRoomsByUser } from "../db/queries/sidebar-rooms";
import { createUser } from "../db/queries/users";
import { createTestDatabase, type TestDatabase } from "./db";

/*
 * The sidebar's snapshot (GET /api/me/rooms) against real PostgreSQL: only
 * the user's rooms, DMs last, and `unread` exactly as the contract counts it.
 */
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase("chat_sidebar");
});
after(() => database?.drop());

test("the user's rooms only, DMs last and named for the other person, unread = by others, not deleted, above the marker", async () => {
  const db = database.db;
  const ann = (await createUser(db, { username: "ann", passwordHash: "x" }))!;
  const ben = (await createUser(db, { username: "ben", passwordHash: "x" }))!;
  const shared = await createRoom(db, { name: "shared", kind: "public", ownerId: ann.id });
  await joinRoom(db, shared.id, ben.id);
  const bens = await createRoom(db, { name: "bens-private", kind: "private", ownerId: ben.id });
  await createRoom(db, { name: "another-public", kind: "public", ownerId: ben.id });
  const dm = await getOrCreateDm(db, ann, ben);
  const send = (roomId: string, authorId: string, body: string) => ({ roomId, authorId, clientMsgId: randomUUID(), body });
  const written = await insertMessageBatch(db, [
    send(shared.id, ben.id, "b1"), send(shared.id, ben.id, "b2"), send(shared.id, ben.id, "b3"),
    send(shared.id, ann.id, "mine"), send(bens.id, ben.id, "not for ann"), send(dm.id, ben.id, "psst"),
  ]);
  const [b1, b2] = [written[0]!, written[1]!];
  await markRead(db, shared.id, ann.id, b1.seq);
  await markRead(db, shared.id, ann.id, 0); // never back
  const deleted = await deleteMessage(db, { roomId: shared.id, messageId: b2.id, actorId: ben.id });
  assert.ok(deleted && typeof deleted === "object");

  const rooms = await getSidebarRoomsByUser(db, ann.id);
  assert.deepEqual(rooms.map((r) => r.name), ["shared", "ben"], "a DM is named for the other person");
  const [room, direct] = rooms as [(typeof rooms)[number], (typeof rooms)[number]];
  assert.deepEqual(
    { unread: room.unread, readSeq: room.readSeq, lastSeq: room.lastSeq },
    { unread: 1, readSeq: b1.seq, lastSeq: 5 },
    "b1 read, b2 deleted (its delete took seq 5), ann's own not counted: b3 alone",
  );
  assert.equal(direct.kind, "dm");
  assert.equal(direct.unread, 1);
  assert.deepEqual((await getSidebarRoomsByUser(db, ben.id)).map((r) => r.name).sort(), ["ann", "another-public", "bens-private", "shared"].sort());
});

test("mentions: unread messages by others that mention the user (case-insensitive, on name boundaries), never deleted or own, never another's private room", async () => {
  const db = database.db;
  const cat = (await createUser(db, { username: "cat", passwordHash: "x" }))!;
  const dan = (await createUser(db, { username: "dan", passwordHash: "x" }))!;
  const room = await createRoom(db, { name: "mentions", kind: "public", ownerId: cat.id });
  await joinRoom(db, room.id, dan.id);
  const dans = await createRoom(db, { name: "dans-secret", kind: "private", ownerId: dan.id });
  const dm = await getOrCreateDm(db, cat, dan);
  const send = (roomId: string, authorId: string, body: string) => ({ roomId, authorId, clientMsgId: randomUUID(), body });
  const written = await insertMessageBatch(db, [
    send(room.id, dan.id, "read already @cat"),
    send(room.id, dan.id, "hey @cat"), send(room.id, dan.id, "@CAT, look"), send(room.id, dan.id, "to be deleted @cat"),
    send(room.id, dan.id, "mail cat@cat.org"), send(room.id, dan.id, "@catherine and @cat-2 are others"),
    send(room.id, dan.id, "no mention"), send(room.id, cat.id, "my own @cat"),
    send(dans.id, dan.id, "@cat in a room cat is not in"), send(dm.id, dan.id, "dm for (@cat)"),
  ]);
  await markRead(db, room.id, cat.id, written[0]!.seq);
  assert.ok(await deleteMessage(db, { roomId: room.id, messageId: written[3]!.id, actorId: dan.id }));

  const rooms = await getSidebarRoomsByUser(db, cat.id);
  const byName = new Map(rooms.map((r) => [r.name, r]));
  assert.deepEqual(
    { unread: byName.get("mentions")?.unread, mentions: byName.get("mentions")?.mentions },
    { unread: 5, mentions: 2 },
    "'hey @cat' and '@CAT, look'; not the read, deleted, own, e-mail or longer names",
  );
  assert.equal(byName.get("dan")?.mentions, 1, "the DM");
  assert.equal(byName.has("dans-secret"), false, "another's private room is not listed, nor its mentions");
  assert.ok((await getSidebarRoomsByUser(db, dan.id)).every((r) => r.mentions === 0), "dan's own messages mention nobody he is");
});
