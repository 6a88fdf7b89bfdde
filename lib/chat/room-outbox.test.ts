import { test } from "node:test";
import assert from "node:assert/strict";
import type { ServerFrame } from "../../protocol/index";
import * as outbox from "./outbox";
import { applyFrame, connectionLost, mergeOlder } from "./room-log";
import { cursor, type RoomState } from "./room-state";
import { change, me, msg, ROOM, startRoom as start } from "./test-rooms";
import { timeline } from "./timeline";

const apply = (s: RoomState, ...frames: ServerFrame[]) => frames.reduce(applyFrame, s);
const seqsOf = (s: RoomState) => timeline(s).map((i) => i.seq);
// The outbox as the reducer changes it (room-reducer.ts, room-writes.ts), one step at a time.
const withOutbox = (s: RoomState, f: (o: outbox.Outbox) => outbox.Outbox): RoomState => ({ ...s, outbox: f(s.outbox) });
const addPending = (s: RoomState, id: string, body: string, now: number) => withOutbox(s, (o) => outbox.addEntry(o, id, body, now));
const markSent = (s: RoomState, id: string, now: number) => withOutbox(s, (o) => outbox.markSent(o, id, now));
const retry = (s: RoomState, id: string) => withOutbox(s, (o) => outbox.retryEntry(o, id));
const expireUnacked = (s: RoomState, now: number, ms: number) => withOutbox(s, (o) => outbox.expireUnacked(o, now, ms));
const unsent = (s: RoomState) => outbox.unsentEntries(s.outbox);

test("pending → ack → sent: one entry, not two, and the message frame after it does not add one", () => {
  let s = addPending(start(0), "cm-1", "hi there", Date.parse("2024-01-01T00:00:00Z"));
  assert.deepEqual(timeline(s).map((i) => [i.status, i.body]), [["pending", "hi there"]]);
  s = apply(s, { type: "ack", room: ROOM, clientMsgId: "cm-1", id: "m1", seq: 1 });
  assert.deepEqual(timeline(s).map((i) => [i.status, i.id]), [["sent", "m1"]]);
  s = apply(s, change(msg(1, { author: me, clientMsgId: "cm-1", body: "hi there" })));
  assert.deepEqual(timeline(s).map((i) => [i.status, i.id, i.seq]), [["sent", "m1", 1]]);
  assert.equal(cursor(s), 1);
});

test("a message frame before the ack also resolves the pending entry", () => {
  let s = addPending(start(0), "cm-1", "hi", 0);
  s = apply(s, change(msg(1, { author: me, clientMsgId: "cm-1", body: "hi" })));
  assert.deepEqual(timeline(s).map((i) => i.status), ["sent"]);
  s = apply(s, { type: "ack", room: ROOM, clientMsgId: "cm-1", id: "m1", seq: 1 });
  assert.equal(timeline(s).length, 1);
});

test("another user's message with the same clientMsgId does not resolve mine", () => {
  const s = apply(addPending(start(0), "cm-1", "hi", 0), change(msg(1, { clientMsgId: "cm-1" })));
  assert.deepEqual(timeline(s).map((i) => i.status), ["sent", "pending"]);
});

test("an error with ref marks the send failed; retry keeps the clientMsgId", () => {
  let s = markSent(addPending(start(0), "cm-1", "hi", 0), "cm-1", 10);
  s = apply(s, { type: "error", code: "rate_limited", message: "slow down", ref: "cm-1" });
  const failed = timeline(s)[0];
  assert.equal(failed?.status, "failed");
  assert.equal(failed?.error, "slow down");
  s = retry(s, "cm-1");
  assert.deepEqual(unsent(s).map((e) => [e.clientMsgId, e.status]), [["cm-1", "pending"]]);
});

test("an internal error keeps the send pending and queues it to be sent again", () => {
  let s = markSent(addPending(start(0), "cm-1", "hi", 0), "cm-1", 10);
  assert.equal(unsent(s).length, 0);
  s = apply(s, { type: "error", code: "internal", message: "oops", ref: "cm-1" });
  assert.equal(timeline(s)[0]?.status, "pending");
  assert.equal(unsent(s).length, 1);
});

test("no ack within the timeout while connected marks the send failed", () => {
  let s = markSent(addPending(start(0), "cm-1", "hi", 0), "cm-1", 1_000);
  assert.equal(timeline(expireUnacked(s, 10_000, 10_000))[0]?.status, "pending");
  s = expireUnacked(s, 11_001, 10_000);
  assert.equal(timeline(s)[0]?.status, "failed");
});

test("a reconnect re-queues sends that only timed out, but not ones the server refused", () => {
  let s = markSent(addPending(addPending(start(0), "t", "a", 0), "r", "b", 1), "t", 1_000);
  s = apply(markSent(s, "r", 1_000), { type: "error", code: "too_large", message: "too long", ref: "r" });
  s = connectionLost(expireUnacked(s, 20_000, 10_000));
  assert.deepEqual(timeline(s).map((i) => [i.clientMsgId, i.status]), [["t", "pending"], ["r", "failed"]]);
  assert.deepEqual(unsent(s).map((e) => e.clientMsgId), ["t"]);
});

test("a lost connection queues in-flight sends again instead of timing them out", () => {
  let s = markSent(addPending(start(0), "cm-1", "hi", 0), "cm-1", 1_000);
  s = connectionLost(s);
  s = expireUnacked(s, 60_000, 10_000);
  assert.deepEqual(unsent(s).map((e) => e.clientMsgId), ["cm-1"]);
});

test("timeline: confirmed by seq, then outbox entries in creation order", () => {
  let s = addPending(start(2, [msg(2), msg(1)]), "b", "second", 20);
  s = addPending(s, "a", "first", 10);
  assert.deepEqual(timeline(s).map((i) => i.seq ?? i.clientMsgId), [1, 2, "a", "b"]);
});

test("mergeOlder dedupes and orders, and never rolls back a newer version", () => {
  const newer = msg(3, { version: 9, body: "edited" });
  let s = start(9, [newer, msg(4)]);
  s = mergeOlder(s, [msg(3), msg(2), msg(1)]); // newest first, with an overlap at seq 3
  assert.deepEqual(seqsOf(s), [1, 2, 3, 4]);
  assert.equal(timeline(s).find((i) => i.seq === 3)?.body, "edited");
  assert.equal(cursor(s), 9);
});

test("deleted messages keep their place with an empty body", () => {
  const s = apply(start(1, [msg(1)]), change(msg(1, { version: 2, deleted: true, body: "" })));
  assert.deepEqual(timeline(s).map((i) => [i.seq, i.deleted, i.body]), [[1, true, ""]]);
  assert.equal(cursor(s), 2);
});
