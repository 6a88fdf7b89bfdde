import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

/*
 * Found by the protocol fuzz test: a react sent with the room id in upper
 * case was stored, but published under that spelling, so the room's
 * subscribers got it late (from the database repair) and out of order.
 */
let stack: Stack;

before(async () => {
  stack = await startStack();
});
afterEach(closeClients);
after(() => stopStack(stack));

test("a room id spelled in another case names no room, for every room frame", async () => {
  const owner = await makeUser(stack, "casey");
  const room = await makeRoom(stack, owner);
  const client = await TestClient.connect(stack.port, owner);
  await client.subscribe(room.id);
  const ack = await client.sendMessage(room.id, "hello");
  const upper = room.id.toUpperCase();
  const frames = [
    { type: "subscribe", room: upper },
    { type: "send", room: upper, clientMsgId: "6f1c1f0e-3d7a-4c39-9a43-3f7b2f0b9f11", body: "hi" },
    { type: "edit", room: upper, id: ack.id, body: "edited", reqId: "e" },
    { type: "react", room: upper, id: ack.id, emoji: "👍", on: true, reqId: "r" },
    { type: "delete", room: upper, id: ack.id, reqId: "d" },
    { type: "typing", room: upper },
    { type: "read", room: upper, seq: 1 },
  ];
  for (const frame of frames) client.send(frame);
  await client.next("error", () => client.all("error").length === frames.length);
  assert.ok(client.all("error").every((e) => e.code === "not_found"), JSON.stringify(client.all("error")));
  // Nothing changed: a marker's seq follows the first message's directly.
  const marker = await client.sendMessage(room.id, "marker");
  assert.equal(marker.seq, ack.seq + 1);
  assert.equal(client.all("message").length, 2);
  client.close();
});
