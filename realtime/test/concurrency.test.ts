import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { messages } from "../../db/schema";
import { laneOf } from "../batch-writer";
import { makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

test("2 clients x many concurrent sends: seqs contiguous and unique, every ack matches the database", async () => {
  let stack: Stack | undefined;
  try {
    stack = await startStack({ limits: { sendRateLimit: 10_000 }, batch: { maxMessages: 16, windowMs: 2, lanes: 4 } });
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

test("sends to rooms in different batch lanes: each room's seqs contiguous and in the order its sender sent", async () => {
  let stack: Stack | undefined;
  try {
    stack = await startStack({ limits: { sendRateLimit: 10_000 }, batch: { maxMessages: 8, windowMs: 1, lanes: 4 } });
    const user = await makeUser(stack, "spread");
    const rooms: string[] = [];
    // Rooms until at least three lanes are in use, so batches really commit side by side.
    while (new Set(rooms.map((id) => laneOf(id, 4))).size < 3) rooms.push((await makeRoom(stack, user)).id);
    const client = await TestClient.connect(stack.port, user);
    const perRoom = 60;
    const sends = Array.from({ length: perRoom * rooms.length }, (_, i) => ({ room: rooms[i % rooms.length]!, n: Math.floor(i / rooms.length) }));
    const acks = await Promise.all(sends.map(({ room, n }) => client.sendMessage(room, `m${n}`)));
    const db = stack.db.db;
    for (const room of rooms) {
      const rows = await db.select().from(messages).where(eq(messages.roomId, room)).orderBy(asc(messages.seq));
      assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: perRoom }, (_, i) => i + 1));
      assert.deepEqual(rows.map((r) => r.body), Array.from({ length: perRoom }, (_, i) => `m${i}`));
    }
    assert.deepEqual(acks.map((a) => a.room), sends.map((s) => s.room));
    client.close();
  } finally {
    await stopStack(stack);
  }
});

test("graceful stop: acked messages are stored, sockets close with 1001, /healthz stops answering", async () => {
  let stack: Stack | undefined;
  try {
    stack = await startStack({ limits: { sendRateLimit: 10_000 }, batch: { maxMessages: 64, windowMs: 50, lanes: 4 } });
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
