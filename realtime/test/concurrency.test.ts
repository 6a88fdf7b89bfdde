import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { messages } from "../../db/schema";
import { makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

test("2 clients x many concurrent sends: seqs contiguous and unique, every ack matches the database", async () => {
  let stack: Stack | undefined;
  try {
    stack = await startStack({ sendRateLimit: 10_000 }, { maxMessages: 16, windowMs: 2 });
    const [u1, u2] = await Promise.all([makeUser(stack, "one"), makeUser(stack, "two")]);
    const room = await makeRoom(stack, u1);
    const clients = await Promise.all([u1, u2].map((u) => TestClient.connect(stack!.port, u)));
    const perClient = 150;
    const acks = (
      await Promise.all(
        clients.map((c, n) => Promise.all(Array.from({ length: perClient }, (_, i) => c.sendMessage(room.id, `c${n} m${i}`)))),
      )
    ).flat();
    const seqs = acks.map((a) => a.seq).sort((x, y) => x - y);
    assert.deepEqual(seqs, Array.from({ length: perClient * 2 }, (_, i) => i + 1));
    const rows = await stack.db.db.select().from(messages).where(eq(messages.roomId, room.id)).orderBy(asc(messages.seq));
    assert.equal(rows.length, perClient * 2);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const ack of acks) {
      const row = byId.get(ack.id);
      assert.ok(row, `acked message ${ack.id} is stored`);
      assert.equal(row.seq, ack.seq);
      assert.equal(row.clientMsgId, ack.clientMsgId);
    }
    // Each client's own messages got seqs in the order it sent them.
    for (const [n, c] of clients.entries()) {
      const mine = rows.filter((r) => r.body.startsWith(`c${n} `)).map((r) => Number(r.body.split(" m")[1]));
      assert.deepEqual(mine, Array.from({ length: perClient }, (_, i) => i));
      c.close();
    }
  } finally {
    await stopStack(stack);
  }
});

test("graceful stop: acked messages are stored, sockets close with 1001, /healthz stops answering", async () => {
  let stack: Stack | undefined;
  try {
    stack = await startStack({ sendRateLimit: 10_000 }, { maxMessages: 64, windowMs: 50 });
    const user = await makeUser(stack, "leaver");
    const room = await makeRoom(stack, user);
    const client = await TestClient.connect(stack.port, user);
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const clientMsgId of ids) client.send({ type: "send", room: room.id, clientMsgId, body: "bye" });
    await client.next("ack");
    await stack.sidecar.stop();
    const closed = await client.waitClosed();
    assert.equal(closed.code, 1001);
    const acked = client.all("ack").map((a) => a.clientMsgId!);
    const rows = await stack.db.db.select().from(messages).where(eq(messages.roomId, room.id));
    const stored = new Set(rows.map((r) => r.clientMsgId));
    for (const id of acked) assert.ok(stored.has(id), `acked ${id} is in the database`);
    assert.ok(acked.length > 0);
    await assert.rejects(fetch(`http://127.0.0.1:${stack.port}/healthz`));
  } finally {
    await stack?.db.drop();
  }
});
