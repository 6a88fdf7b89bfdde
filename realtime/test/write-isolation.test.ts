import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { pino } from "pino";
import { createDb } from "../../db/client";
import { messages, rooms } from "../../db/schema";
import { ChatError, type UserRef } from "../../protocol";
import { BatchLane } from "../batch-lane";
import type { SendRequest } from "../send-batch";
import { closeClients, makeRoom, makeUser, startStack, stopStack, TestClient, type Stack } from "./helpers";

/*
 * One user's unstorable text must not fail anyone else's send. The protocol
 * refuses it at the door (bad_request); behind that, a batch PostgreSQL
 * refuses for one row's content is split so only that row fails.
 */
let stack: Stack;
// A batch window, so the sends of several users share batches.
before(async () => void (stack = await startStack({ batch: { maxMessages: 256, windowMs: 50, lanes: 1 } })));
afterEach(closeClients);
after(() => stopStack(stack));

const silent = pino({ level: "silent" });
function sendOf(roomId: string, author: UserRef, body: string, clientMsgId: string = randomUUID()): SendRequest {
  return { roomId, author, clientMsgId, body, admitted: Promise.resolve(true) };
}

test("a batch with rows PostgreSQL refuses: only those fail; the rest are stored once, in order, published before their acks", async () => {
  const [alice, bob, carol] = await Promise.all(["lane_a", "lane_b", "lane_c"].map((name) => makeUser(stack, name)));
  const [r1, r2] = await Promise.all([makeRoom(stack, alice!), makeRoom(stack, alice!)]);
  const events: string[] = [];
  const published: [string, number][] = [];
  const lane = new BatchLane(stack.db.db, {
    maxMessages: 256,
    windowMs: 0,
    log: silent,
    fanout: {
      publishCommitted: (roomId, stored) => {
        for (const m of stored) events.push(`stored ${m.clientMsgId}`);
        published.push(...stored.map((m): [string, number] => [roomId, m.seq]));
      },
    },
  });
  const ghost = { id: randomUUID(), username: "ghost" }; // no such user: the row breaks a foreign key (23503)
  const repeated = randomUUID();
  const sends = [
    sendOf(r1.id, alice!, "a1", repeated),
    sendOf(r1.id, bob!, "b\u0000 NUL"), // 22021, PostgreSQL's own refusal: the protocol never lets this through
    sendOf(r1.id, bob!, "b2"),
    sendOf(r2.id, carol!, "c1"),
    sendOf(r1.id, ghost, "from nobody"),
    sendOf(r1.id, alice!, "a2"),
    sendOf(r1.id, carol!, "c2"),
    sendOf(r2.id, alice!, "\u0000"),
    sendOf(r2.id, bob!, "b3"),
    sendOf(r1.id, alice!, "a1 again", repeated),
  ];
  // Enqueued in one turn with a window of 0: one batch.
  const outcomes = await Promise.allSettled(sends.map((s) => lane.enqueue(s).then((w) => (events.push(`ack ${s.clientMsgId}`), w))));

  const codeOf = (i: number) => {
    const o = outcomes[i]!;
    assert.equal(o.status, "rejected", `send ${i} should fail`);
    return o.status === "rejected" && o.reason instanceof ChatError ? o.reason.code : "?";
  };
  assert.deepEqual([codeOf(1), codeOf(4), codeOf(7)], ["bad_request", "internal", "bad_request"]);
  const seqOf = (i: number) => {
    const o = outcomes[i]!;
    assert.equal(o.status, "fulfilled", `send ${i} should be stored`);
    return o.status === "fulfilled" ? [o.value?.seq, o.value?.duplicate] : [];
  };
  // Room order is the batch's order; the refused rows took no seq.
  assert.deepEqual([0, 2, 5, 6, 9].map(seqOf), [[1, false], [2, false], [3, false], [4, false], [1, true]]);
  assert.deepEqual([3, 8].map(seqOf), [[1, false], [2, false]]);

  const stored = async (roomId: string) =>
    (await stack.db.db.select().from(messages).where(eq(messages.roomId, roomId)).orderBy(asc(messages.seq))).map((m) => [m.seq, m.body]);
  assert.deepEqual(await stored(r1.id), [[1, "a1"], [2, "b2"], [3, "a2"], [4, "c2"]]);
  assert.deepEqual(await stored(r2.id), [[1, "c1"], [2, "b3"]]);
  const [room] = await stack.db.db.select().from(rooms).where(eq(rooms.id, r1.id));
  assert.equal(room?.lastSeq, 4);

  // Published once each, in seq order per room, each before its ack.
  const publishedIn = (roomId: string) => published.filter(([r]) => r === roomId).map(([, seq]) => seq);
  assert.deepEqual([publishedIn(r1.id), publishedIn(r2.id)], [[1, 2, 3, 4], [1, 2]]);
  for (const i of [0, 2, 3, 5, 6, 8]) {
    const id = sends[i]!.clientMsgId;
    assert.ok(events.indexOf(`stored ${id}`) < events.indexOf(`ack ${id}`), `send ${i} published before its ack`);
  }
});

test("a failure that is no row's fault (connection gone) still fails the whole batch, to be resent", async () => {
  const user = await makeUser(stack, "lane_d");
  const room = await makeRoom(stack, user);
  const { db, sql } = createDb(stack.db.url, { max: 1 });
  await sql.end();
  const lane = new BatchLane(db, { maxMessages: 256, windowMs: 0, log: silent, fanout: { publishCommitted: () => assert.fail("nothing is stored") } });
  const outcomes = await Promise.allSettled([sendOf(room.id, user, "one"), sendOf(room.id, user, "two\u0000")].map((s) => lane.enqueue(s)));
  assert.deepEqual(
    outcomes.map((o) => o.status === "rejected" && o.reason instanceof ChatError && o.reason.code),
    ["internal", "internal"],
  );
});

test("unstorable text over the socket: refused with bad_request, every other user's sends in the same batches acked, stored once, broadcast in seq order", async () => {
  const users = await Promise.all(["iso_a", "iso_b", "iso_c"].map((name) => makeUser(stack, name)));
  const room = await makeRoom(stack, users[0]!);
  const watcher = await TestClient.connect(stack.port, users[0]!);
  await watcher.subscribe(room.id);
  const clients = await Promise.all(users.map((u) => TestClient.connect(stack.port, u)));
  const good: { client: TestClient; id: string }[] = [];
  const poisoned: { client: TestClient; id: string }[] = [];
  // Interleaved, unawaited: all inside one 50 ms batch window.
  for (let round = 0; round < 3; round++) {
    for (const [i, client] of clients.entries()) {
      const ok = randomUUID();
      client.send({ type: "send", room: room.id, clientMsgId: ok, body: `u${i} m${round}` });
      good.push({ client, id: ok });
      const bad = randomUUID();
      client.send({ type: "send", room: room.id, clientMsgId: bad, body: round % 2 ? `lone \uD800 surrogate` : `nul \u0000 here` });
      poisoned.push({ client, id: bad });
    }
  }
  for (const { client, id } of poisoned) assert.equal((await client.next("error", (f) => f.ref === id)).code, "bad_request");
  const acks = await Promise.all(good.map(({ client, id }) => client.next("ack", (f) => f.clientMsgId === id)));
  assert.deepEqual(acks.map((a) => a.seq).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // Each sender's messages in the order sent.
  for (const client of clients) {
    const own = acks.filter((_, i) => good[i]!.client === client).map((a) => a.seq);
    assert.deepEqual(own, [...own].sort((x, y) => x - y));
  }
  await watcher.next("message", () => watcher.all("message").length === 9);
  assert.deepEqual(watcher.all("message").map((f) => f.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const rows = await stack.db.db.select().from(messages).where(eq(messages.roomId, room.id));
  assert.equal(rows.length, 9);
  assert.ok(rows.every((r) => !r.body.includes("\u0000") && !r.body.includes("\uFFFD")));

  // The other text fields of frames are refused the same way, and change nothing.
  const [a] = clients;
  a!.send({ type: "edit", room: room.id, id: acks[0]!.id, body: "edited \u0000", reqId: "e1" });
  a!.send({ type: "react", room: room.id, id: acks[0]!.id, emoji: "\u0000", on: true, reqId: "r1" });
  a!.send({ type: "subscribe", room: `${room.id}\u0000` });
  assert.equal((await a!.next("error", (f) => f.ref === "e1")).code, "bad_request");
  assert.equal((await a!.next("error", (f) => f.ref === "r1")).code, "bad_request");
  assert.equal((await a!.next("error", (f) => f.ref === `${room.id}\u0000`)).code, "bad_request");
  const marker = await a!.sendMessage(room.id, "marker");
  await watcher.next("message", (f) => f.message.id === marker.id);
  assert.equal(watcher.all("message").length, 10, "the refused edit and reaction broadcast nothing");
});
