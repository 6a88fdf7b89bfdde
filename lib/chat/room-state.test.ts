import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChatMessage, ServerFrame } from "../../protocol/index";
import {
  addPending, applyFrame, createRoomState, cursor, expireUnacked, finishCatchUp, mergeOlder,
  needsResync, retry, timeline, unsent, markSent, connectionLost, type RoomState,
} from "./room-state";

const ROOM = "r1";
const me = { id: "u-me", username: "me" };
const alice = { id: "u-alice", username: "alice" };

function msg(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`, seq, version: seq, author: alice, body: `hello ${seq}`, createdAt: "2024-01-01T00:00:00.000Z",
    editedAt: null, deleted: false, clientMsgId: `c${seq}`, reactions: {}, ...over,
  };
}
const change = (m: ChatMessage): ServerFrame => ({ type: "message", room: ROOM, seq: m.version, message: m });
const subscribed = (lastSeq: number, recovered = true): ServerFrame => ({ type: "subscribed", room: ROOM, lastSeq, recovered });
const start = (cursorAt = 0, messages: ChatMessage[] = []) => createRoomState({ roomId: ROOM, me, messages, cursor: cursorAt });
const apply = (s: RoomState, ...frames: ServerFrame[]) => frames.reduce(applyFrame, s);
const seqsOf = (s: RoomState) => timeline(s).map((i) => i.seq);

test("upsert by id keeps the newest version, whatever the arrival order", () => {
  const edited = msg(1, { version: 3, body: "edited", editedAt: "2024-01-01T00:01:00.000Z" });
  const s = apply(start(0), change(msg(1)), change(edited), change(msg(1)));
  const items = timeline(s);
  assert.equal(items.length, 1);
  assert.equal(items[0]?.body, "edited");
  assert.equal(items[0]?.edited, true);
});

test("in-order frames advance the cursor", () => {
  const s = apply(start(0), change(msg(1)), change(msg(2)), change(msg(3)));
  assert.equal(cursor(s), 3);
  assert.equal(needsResync(s), null);
});

test("a duplicate frame does not duplicate the message or move the cursor", () => {
  const s = apply(start(0), change(msg(1)), change(msg(2)), change(msg(2)), change(msg(1)));
  assert.deepEqual(seqsOf(s), [1, 2]);
  assert.equal(cursor(s), 2);
});

test("a gap is detected and a resync since the contiguous cursor is asked for", () => {
  const s = apply(start(4), change(msg(5)), change(msg(7)));
  assert.equal(cursor(s), 5);
  assert.deepEqual(needsResync(s), { since: 5 });
  assert.deepEqual(seqsOf(s), [5, 7], "the later message is shown anyway");
});

test("replay after subscribed fills the gap and reaches lastSeq across a seq the server skipped", () => {
  let s = apply(start(4), change(msg(5)), change(msg(9)));
  assert.deepEqual(needsResync(s), { since: 5 });
  // seq 7 was taken and never used: the replay of (5, 9] is 6, 8, 9.
  s = apply(s, subscribed(9), change(msg(6)), change(msg(8)), change(msg(9)));
  assert.equal(cursor(s), 9);
  assert.equal(needsResync(s), null);
  assert.deepEqual(seqsOf(s), [5, 6, 8, 9]);
});

test("a skipped seq at the end of a replay is passed as soon as a live frame follows", () => {
  // since 2, lastSeq 4, seq 4 skipped: replay is just 3.
  let s = apply(start(2), subscribed(4), change(msg(3)));
  assert.equal(cursor(s), 3);
  assert.equal(needsResync(s), null, "no gap while the replay may still be running");
  s = apply(s, change(msg(5)));
  assert.equal(cursor(s), 5);
  assert.equal(needsResync(s), null);
});

test("a live frame after the replay with a hole above lastSeq is a gap", () => {
  const s = apply(start(2), subscribed(3), change(msg(3)), change(msg(6)));
  assert.equal(cursor(s), 3);
  assert.deepEqual(needsResync(s), { since: 3 });
});

test("out-of-order frames (3 then 2) end ordered with cursor 3", () => {
  let s = apply(start(1, [msg(1)]), change(msg(3)));
  assert.deepEqual(needsResync(s), { since: 1 });
  s = apply(s, change(msg(2)));
  assert.deepEqual(seqsOf(s), [1, 2, 3]);
  assert.equal(cursor(s), 3);
  assert.equal(needsResync(s), null);
});

test("frames for another room change nothing", () => {
  const s = start(0);
  assert.equal(applyFrame(s, { type: "message", room: "other", seq: 1, message: msg(1) }), s);
});

test("recovered:false asks for an HTTP catch-up, which sets the cursor to lastSeq", () => {
  let s = apply(start(3), subscribed(5000, false));
  assert.deepEqual(s.catchUp, { from: 3, upTo: 5000 });
  assert.equal(needsResync(s), null, "no socket resync while the HTTP catch-up runs");
  s = finishCatchUp(s, [msg(4), msg(4999)], 5000);
  assert.equal(cursor(s), 5000);
  assert.equal(s.catchUp, null);
  assert.deepEqual(seqsOf(s), [4, 4999]);
});

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
