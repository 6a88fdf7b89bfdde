import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeRoom, makeUser, TestClient, type TestUser } from "./helpers";

/*
 * A read marker moved on one socket reaches the user's other sockets as
 * `read {room, seq}` (other tabs, other devices, on any sidecar), and nobody
 * else's. Two real sidecars sharing Redis and one database.
 */
let stack: ClusterStack;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  stack = await startClusterStack();
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
});
afterEach(closeClients);
after(() => stopClusterStack(stack));

/** Proves an absence: a frame sent after `read` has been answered, so a `read` for this socket would be here. */
async function settle(client: TestClient, room: string): Promise<void> {
  await client.subscribe(room);
}

test("a read on one socket reaches the user's other socket on the same sidecar, not the sender nor another user", async () => {
  const [port] = stack.ports as [number];
  const room = await makeRoom(stack, alice);
  const a1 = await TestClient.connect(port, alice);
  const a2 = await TestClient.connect(port, alice);
  const b = await TestClient.connect(port, bob);
  await b.subscribe(room.id);
  a1.send({ type: "read", room: room.id, seq: 3 });
  const frame = await a2.next("read");
  assert.deepEqual(frame, { type: "read", room: room.id, seq: 3 });
  await settle(a1, room.id);
  await settle(b, room.id);
  assert.equal(a1.all("read").length, 0, "the sender hears nothing back");
  assert.equal(b.all("read").length, 0, "another user hears nothing");
});

test("a read on one sidecar reaches the same user's socket on another sidecar, subscribed to the room or not", async () => {
  const [portA, portB] = stack.ports as [number, number];
  const room = await makeRoom(stack, alice);
  const a1 = await TestClient.connect(portA, alice);
  const a2 = await TestClient.connect(portB, alice);
  const a3 = await TestClient.connect(portB, alice);
  await a3.subscribe(room.id);
  a1.send({ type: "read", room: room.id, seq: 5 });
  assert.deepEqual(await a2.next("read"), { type: "read", room: room.id, seq: 5 });
  assert.deepEqual(await a3.next("read"), { type: "read", room: room.id, seq: 5 });
});

test("a read refused (a private room the user is not in) is answered not_found and told to nobody", async () => {
  const [portA, portB] = stack.ports as [number, number];
  const room = await makeRoom(stack, alice, "private");
  const b1 = await TestClient.connect(portA, bob);
  const b2 = await TestClient.connect(portB, bob);
  b1.send({ type: "read", room: room.id, seq: 1 });
  const refused = await b1.next("error");
  assert.equal(refused.code, "not_found");
  const own = await makeRoom(stack, bob);
  b1.send({ type: "read", room: own.id, seq: 1 });
  const told = await b2.next("read");
  assert.equal(told.room, own.id, "the first read b2 hears is the allowed one");
  assert.equal(b2.all("read").length, 1);
});
