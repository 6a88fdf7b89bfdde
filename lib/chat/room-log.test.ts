import { test } from "node:test";
import assert from "node:assert/strict";
import { applyFrame, finishCatchUp } from "./room-log";
import { cursor, needsResync, type RoomState } from "./room-state";
import { change, msg, startRoom as start, subscribed } from "./test-rooms";
import { timeline } from "./timeline";
import type { ServerFrame } from "../../protocol/index";

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
  assert.equal(applyFrame(s, change(msg(1), "other")), s);
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
