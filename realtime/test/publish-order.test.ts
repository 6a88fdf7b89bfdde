import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { waitFor } from "../../test/wait-for";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack, type TestUser } from "./helpers";

/*
 * One sidecar publishes a room's changes in seq order: sends, edits, deletes
 * and reactions that commit side by side (each on its own connection) must
 * not leave in the order Node happens to read their COMMITs. Found by the
 * protocol fuzz test (a reaction's frame overtaking an earlier edit's).
 */
let stack: Stack;
let users: TestUser[];

before(async () => {
  const many = "1000000";
  stack = await startStack({ env: { SEND_RATE_LIMIT: many, EDIT_RATE_LIMIT: many, REACT_RATE_LIMIT: many, DELETE_RATE_LIMIT: many } });
  users = await Promise.all(["ann", "ben", "cat", "dan"].map((name) => makeUser(stack, name)));
});
afterEach(closeClients);
after(() => stopStack(stack));

test("concurrent sends, edits and reactions in one room reach a subscriber in seq order", async () => {
  const room = await makeRoom(stack, users[0]!);
  const clients = await Promise.all(users.map((u) => TestClient.connect(stack.port, u)));
  const watcher = await TestClient.connect(stack.port, users[0]!);
  try {
    for (const c of [...clients, watcher]) await c.subscribe(room.id);
    // Each writer has a message of its own to edit and react to.
    const own = await Promise.all(clients.map((c, i) => c.sendMessage(room.id, `first ${i}`)));
    // Every frame is a change: each writer toggles one emoji of its own on and off.
    const emoji = ["👍", "🎉", "❤️", "😀"];
    const rounds = 40;
    for (let r = 0; r < rounds; r++) {
      clients.forEach((c, i) => {
        const id = own[i]!.id;
        c.send({ type: "send", room: room.id, clientMsgId: randomUUID(), body: `m ${r}` });
        c.send({ type: "edit", room: room.id, id, body: `edit ${r}`, reqId: randomUUID() });
        c.send({ type: "react", room: room.id, id: own[(i + 1) % clients.length]!.id, emoji: emoji[i], on: r % 2 === 0, reqId: randomUUID() });
      });
    }
    const expected = clients.length * rounds * 3;
    const changes = () => watcher.all("message", (f) => f.room === room.id).slice(clients.length);
    await waitFor(() => assert.ok(changes().length >= expected, `${changes().length} of ${expected} changes`), { timeoutMs: 60_000 });
    const seqs = watcher.all("message", (f) => f.room === room.id).map((f) => f.seq);
    const overtaken = seqs.filter((seq, i) => i > 0 && seq <= seqs[i - 1]!);
    assert.deepEqual(overtaken, [], `changes out of seq order: ${overtaken.length} of ${seqs.length}`);
  } finally {
    for (const c of [...clients, watcher]) c.close();
  }
});
