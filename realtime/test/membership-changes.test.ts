import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { deleteRoom, leaveRoomAsMember, removeMember, renameRoom } from "../../db/queries/members";
import { memberships } from "../../db/schema";
import { startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeRoom, makeUser, TestClient, type TestUser } from "./helpers";

/*
 * Membership changes made by the web app (db/queries/members.ts, which
 * NOTIFYs) reach every sidecar of a 2-sidecar cluster: the user who is out
 * leaves the room at once on both, the others keep chatting.
 */
let stack: ClusterStack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let portA: number;
let portB: number;

before(async () => {
  stack = await startClusterStack({ limits: { sendRateLimit: 100 } });
  [portA, portB] = stack.ports as [number, number];
  [alice, bob, carol, dave] = (await Promise.all(["alice", "bob", "carol", "dave"].map((n) => makeUser(stack, n)))) as [TestUser, TestUser, TestUser, TestUser];
});
afterEach(closeClients);
after(() => stopClusterStack(stack));

/** A private room of alice's with bob and carol in it. */
async function privateRoom() {
  const room = await makeRoom(stack, alice, "private");
  await stack.db.db.insert(memberships).values([bob, carol].map((u) => ({ roomId: room.id, userId: u.id })));
  return room;
}

async function subscribed(port: number, user: TestUser, ...rooms: string[]) {
  const client = await TestClient.connect(port, user);
  for (const room of rooms) await client.subscribe(room);
  return client;
}

const notFound = (client: TestClient, ref: string) => client.next("error", (f) => f.code === "not_found" && f.ref === ref);

test("a removed member's sockets on both sidecars leave the room at once; the others keep chatting", async () => {
  const room = await privateRoom();
  const other = await privateRoom(); // bob stays in this one: the marker that proves an absence
  const a = await subscribed(portA, alice, room.id);
  const bobA = await subscribed(portA, bob, room.id);
  const bobB = await subscribed(portB, bob, room.id, other.id);
  const c = await subscribed(portB, carol, room.id, other.id);

  assert.equal(await removeMember(stack.db.db, { roomId: room.id, actorId: alice.id, userId: bob.id }), "removed");
  for (const b of [bobA, bobB]) await b.next("removed", (f) => f.room === room.id && f.reason === "removed");
  for (const x of [a, c]) await x.next("removed", (f) => f.room === room.id && f.user?.id === bob.id);

  const ack = await c.sendMessage(room.id, "after bob left");
  await a.next("message", (f) => f.seq === ack.seq);
  const marker = await c.sendMessage(other.id, "marker");
  await bobB.next("message", (f) => f.room === other.id && f.seq === marker.seq);
  for (const b of [bobA, bobB]) assert.deepEqual(b.all("message", (f) => f.room === room.id), []);

  // Later frames: exactly the answer of a room that does not exist.
  const clientMsgId = randomUUID();
  bobA.send({ type: "send", room: room.id, clientMsgId, body: "let me in" });
  await notFound(bobA, clientMsgId);
  bobB.send({ type: "subscribe", room: room.id });
  await notFound(bobB, room.id);
  bobB.send({ type: "typing", room: room.id });
  assert.equal((await a.sendMessage(room.id, "still here")).room, room.id);
  assert.deepEqual(bobB.all("message", (f) => f.room === room.id), []);
});

test("rename reaches every member on both sidecars", async () => {
  const room = await privateRoom();
  const a = await subscribed(portA, alice, room.id);
  const c = await subscribed(portB, carol, room.id);
  assert.equal(await renameRoom(stack.db.db, { roomId: room.id, actorId: alice.id, name: "new name" }), "done");
  for (const x of [a, c]) await x.next("renamed", (f) => f.room === room.id && f.name === "new name");
});

test("delete puts everyone out on both sidecars and the room is not_found after", async () => {
  const room = await privateRoom();
  const a = await subscribed(portA, alice, room.id);
  const b = await subscribed(portB, bob, room.id);
  assert.equal(await deleteRoom(stack.db.db, { roomId: room.id, actorId: alice.id }), "done");
  for (const x of [a, b]) await x.next("removed", (f) => f.room === room.id && f.reason === "deleted");
  a.send({ type: "subscribe", room: room.id });
  await notFound(a, room.id);
});

test("leaving takes the member's other sockets out too; the owner cannot leave", async () => {
  const room = await privateRoom();
  const bobA = await subscribed(portA, bob, room.id);
  const bobB = await subscribed(portB, bob, room.id);
  const a = await subscribed(portA, alice, room.id);
  assert.equal(await leaveRoomAsMember(stack.db.db, { roomId: room.id, actorId: bob.id }), "left");
  for (const b of [bobA, bobB]) await b.next("removed", (f) => f.room === room.id && f.reason === "left");
  await a.next("removed", (f) => f.user?.id === bob.id && f.reason === "left");
  assert.equal(await leaveRoomAsMember(stack.db.db, { roomId: room.id, actorId: alice.id }), "owner_cannot_leave");
});

test("a member who is not the owner is forbidden; an outsider gets not_found, as for a missing room", async () => {
  const room = await privateRoom();
  const db = stack.db.db;
  assert.equal(await removeMember(db, { roomId: room.id, actorId: bob.id, userId: carol.id }), "forbidden");
  assert.equal(await renameRoom(db, { roomId: room.id, actorId: bob.id, name: "x" }), "forbidden");
  assert.equal(await deleteRoom(db, { roomId: room.id, actorId: carol.id }), "forbidden");
  for (const roomId of [room.id, randomUUID(), "not-a-room"]) {
    assert.equal(await removeMember(db, { roomId, actorId: dave.id, userId: bob.id }), "not_found");
    assert.equal(await renameRoom(db, { roomId, actorId: dave.id, name: "x" }), "not_found");
    assert.equal(await deleteRoom(db, { roomId, actorId: dave.id }), "not_found");
    assert.equal(await leaveRoomAsMember(db, { roomId, actorId: dave.id }), "not_found");
  }
  assert.equal(await removeMember(db, { roomId: room.id, actorId: alice.id, userId: dave.id }), "member_not_found");
  assert.equal(await removeMember(db, { roomId: room.id, actorId: alice.id, userId: alice.id }), "cannot_remove_owner");
});

test("a removal whose notice was missed is found when the listener reconnects", async () => {
  const room = await privateRoom();
  const bobs = [await subscribed(portA, bob, room.id), await subscribed(portB, bob, room.id)];
  // Removed behind the sidecars' backs: no NOTIFY at all.
  await stack.db.db.delete(memberships).where(and(eq(memberships.roomId, room.id), eq(memberships.userId, bob.id)));
  await stack.db.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = 'chat-revocations' and datname = current_database()`);
  for (const b of bobs) await b.next("removed", (f) => f.room === room.id && f.reason === "removed");
});
