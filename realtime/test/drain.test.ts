import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { eq } from "drizzle-orm";
import { messages } from "../../db/schema";
import { keptAliveConnection } from "./kept-alive";
import { makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";
import { lockRoom, type RoomLock } from "./room-lock";

/*
 * The order of a drain (realtime/drain.ts), seen from outside: a send queued
 * before SIGTERM is committed and acked BEFORE its socket gets 1001; a send
 * that arrives during the drain is neither stored nor answered (the client
 * resends it after its reconnect), while an edit, which clients do not
 * resend, still runs; /readyz says 503 draining the whole time
 * while /livez stays 200; new connections are refused at once.
 */
test("drain: readiness 503 at once, queued send acked before 1001, later sends dropped unanswered, later edits run", async () => {
  let stack: Stack | undefined;
  let lock: RoomLock | undefined;
  const checker = { close: () => {} };
  try {
    stack = await startStack({ env: { SHUTDOWN_TIMEOUT_MS: "120000" } });
    const port = stack.port;
    const user = await makeUser(stack, "drainer");
    const room = await makeRoom(stack, user);
    const client = await TestClient.connect(port, user);
    let framesAtClose = -1;
    client.ws.on("close", () => (framesAtClose = client.frames.length));
    const health = keptAliveConnection(port);
    checker.close = health.close;
    assert.deepEqual(await health.get("/readyz"), { status: 200, body: { ok: true, broker: "local" }, reused: false });

    const earlier = await client.sendMessage(room.id, "to be edited during the drain");
    lock = await lockRoom(stack.db.url, room.id);
    const queued = randomUUID();
    client.send({ type: "send", room: room.id, clientMsgId: queued, body: "queued before the drain" });
    await lock.waitForBlockedWrite();

    const stopped = stack.sidecar.stop();
    assert.deepEqual(await health.get("/readyz"), { status: 503, body: { ok: false, broker: "local", draining: true }, reused: true });
    assert.deepEqual(await health.get("/healthz"), { status: 503, body: { ok: false, broker: "local", draining: true }, reused: true });
    assert.deepEqual(await health.get("/livez"), { status: 200, body: { ok: true }, reused: true });
    await assert.rejects(fetch(`http://127.0.0.1:${port}/readyz`), "the listen socket is closed: no new connections");
    const late = randomUUID();
    client.send({ type: "send", room: room.id, clientMsgId: late, body: "sent during the drain" });
    const editReq = randomUUID();
    client.send({ type: "edit", room: room.id, id: earlier.id, body: "edited during the drain", reqId: editReq });
    // The queued send is still waiting for its commit: its socket must stay open meanwhile.
    assert.deepEqual(await health.get("/readyz"), { status: 503, body: { ok: false, broker: "local", draining: true }, reused: true });
    assert.equal(client.closed, null);

    await lock.release();
    const closed = await client.waitClosed();
    await stopped;
    assert.equal(closed.code, 1001);
    const acks = client.all("ack", (a) => a.clientMsgId === queued || a.clientMsgId === late);
    assert.deepEqual(acks.map((a) => a.clientMsgId), [queued], "the queued send is acked, the late one is not answered");
    const editAck = client.all("ack", (a) => a.reqId === editReq)[0];
    assert.ok(editAck && client.frames.indexOf(editAck) < framesAtClose, "the edit is answered before the close");
    assert.ok(client.frames.indexOf(acks[0]!) < framesAtClose, "the ack arrived before the close");
    assert.deepEqual(client.all("error"), [], "no error frame: the late send is simply not answered");
    const rows = await stack.db.db.select().from(messages).where(eq(messages.roomId, room.id));
    const later = rows.filter((r) => r.clientMsgId !== earlier.clientMsgId);
    assert.deepEqual(later.map((r) => [r.clientMsgId, String(r.id), r.seq]), [[queued, acks[0]!.id, acks[0]!.seq]]);
    assert.equal(rows.find((r) => r.clientMsgId === earlier.clientMsgId)?.body, "edited during the drain");
  } finally {
    checker.close();
    await lock?.release();
    await stopStack(stack);
  }
});
