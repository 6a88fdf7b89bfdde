import { test } from "node:test";
import assert from "node:assert/strict";
import { CloseCode } from "../../protocol/index";
import { roomTimers } from "./room-events";
import { cursor, type RoomState } from "./room-state";
import { change, frame, msg, playAt, ROOM, startRoom, subscribed, writes } from "./test-rooms";


/** Started, online and subscribed from `cursorAt`. */
function live(cursorAt = 0): RoomState {
  const started = { type: "start", connection: "online", closedFor: null } as const;
  return playAt(startRoom(cursorAt), 0, started, { type: "rejoin" }, frame(subscribed(cursorAt))).state;
}

test("a hole waits out the grace period once, then resubscribes from the contiguous cursor", () => {
  const holed = playAt(live(4), 0, frame(change(msg(5))), frame(change(msg(7))), frame(change(msg(9))));
  assert.deepEqual(holed.effects, [{ type: "setTimer", timer: "resync", ms: 800 }], "one timer for the hole, not one per frame");
  const due = playAt(holed.state, 800, { type: "timer", timer: "resync" });
  assert.deepEqual(writes(due.effects), [{ type: "subscribe", room: ROOM, since: 5 }]);
  assert.equal(due.state.subscribing, true, "no second resync while the subscribe is in flight");
});

test("recovered:false becomes a fetch of every change after the cursor; the page moves the cursor to lastSeq", () => {
  const refused = playAt(live(3), 0, frame(subscribed(5000, false)));
  assert.deepEqual(refused.effects, [{ type: "fetchChanges", from: 3, upTo: 5000 }]);
  const done = playAt(refused.state, 10, { type: "changesPage", messages: [msg(4), msg(4999)], upTo: 5000 });
  assert.equal(cursor(done.state), 5000);
  assert.deepEqual(done.effects, []);
});

test("a failed catch-up shows a banner and subscribes again later; a 401 is the expired session", () => {
  const refused = playAt(live(3), 0, frame(subscribed(5000, false)));
  const failed = playAt(refused.state, 0, { type: "changesFailed", status: 503 });
  assert.match(failed.state.roomError ?? "", /retrying/);
  assert.deepEqual(failed.effects, [{ type: "setTimer", timer: "catchUpRetry", ms: 5000 }]);
  const retried = playAt(failed.state, 5000, { type: "timer", timer: "catchUpRetry" });
  assert.deepEqual(writes(retried.effects), [{ type: "subscribe", room: ROOM, since: 3 }]);
  const expired = playAt(refused.state, 0, { type: "changesFailed", status: 401 });
  assert.equal(expired.state.closedFor, CloseCode.sessionExpired.code);
});

test("a replayed subscribe writes the outbox and fetches nothing", () => {
  const offline = playAt(startRoom(2), 0, { type: "send", clientMsgId: "cm-1", body: "hi" });
  assert.deepEqual(offline.effects, [], "not subscribed: the message waits");
  const back = playAt(offline.state, 5, { type: "connection", state: "online" }, { type: "rejoin" }, frame(subscribed(2)));
  assert.deepEqual(writes(back.effects).map((f) => f.type), ["subscribe", "send"]);
  assert.ok(!back.effects.some((e) => e.type === "fetchChanges"));
  assert.equal(back.state.outbox[0]?.sentAt, 5);
});

test("outbox: a refused send fails, retry writes it again with the same clientMsgId, a failed write is tried on the next tick", () => {
  const sent = playAt(live(0), 0, { type: "send", clientMsgId: "cm-1", body: "hi" });
  assert.deepEqual(writes(sent.effects), [{ type: "send", room: ROOM, clientMsgId: "cm-1", body: "hi" }]);
  const refused = playAt(sent.state, 1, frame({ type: "error", code: "rate_limited", message: "slow down", ref: "cm-1" }));
  assert.equal(refused.state.outbox[0]?.status, "failed");
  assert.equal(refused.state.roomError, null, "about my send: no banner");
  const retried = playAt(refused.state, 2, { type: "retry", clientMsgId: "cm-1" });
  assert.deepEqual(writes(retried.effects).map((f) => f.type === "send" && f.clientMsgId), ["cm-1"]);
  const lost = playAt(retried.state, 2, { type: "writeFailed", frame: writes(retried.effects)[0]! });
  assert.equal(lost.state.outbox[0]?.sentAt, null);
  const ticked = playAt(lost.state, 1000, { type: "timer", timer: "tick" });
  assert.deepEqual(writes(ticked.effects).map((f) => f.type), ["send"]);
});

test("the typing gate: one frame per interval, none while offline (which does not use up the interval)", () => {
  const offline = playAt(startRoom(0), 0, { type: "typing" });
  assert.deepEqual(offline.effects, []);
  const online = playAt(offline.state, 1, { type: "connection", state: "online" }, { type: "typing" });
  assert.deepEqual(writes(online.effects), [{ type: "typing", room: ROOM }]);
  assert.deepEqual(playAt(online.state, 2000, { type: "typing" }).effects, [], "1999 ms later: dropped");
  assert.deepEqual(writes(playAt(online.state, 2001, { type: "typing" }).effects), [{ type: "typing", room: ROOM }]);
});

test("the read throttle: the first marker goes at once, later ones wait for the timer and only the latest goes", () => {
  const first = playAt(live(4), 0, frame(change(msg(5))), { type: "seen" });
  assert.deepEqual(writes(first.effects), [{ type: "read", room: ROOM, seq: 5 }]);
  const waiting = playAt(first.state, 400, frame(change(msg(6))), { type: "seen" }, frame(change(msg(7))), { type: "seen" });
  assert.deepEqual(waiting.effects, [{ type: "setTimer", timer: "read", ms: 600 }]);
  const due = playAt(waiting.state, 1000, { type: "timer", timer: "read" });
  assert.deepEqual(writes(due.effects), [{ type: "read", room: ROOM, seq: 7 }]);
  assert.deepEqual(playAt(due.state, 1001, { type: "seen" }).effects, [], "nothing newer: nothing sent");
});

test("stop clears every timer, and nothing arms one again until the next start", () => {
  const stopped = playAt(live(3), 0, { type: "stop" });
  assert.deepEqual(stopped.effects, roomTimers.map((timer) => ({ type: "clearTimer", timer })));
  assert.equal(stopped.state.connection, "offline");
  const late = playAt(stopped.state, 5, frame(change(msg(9))), { type: "changesFailed", status: null }, { type: "seen" });
  assert.deepEqual(late.effects, [], "a hole, a failed fetch and a read marker after stop set no timer");
  const again = playAt(late.state, 6, { type: "start", connection: "online", closedFor: null }, { type: "rejoin" });
  assert.deepEqual(writes(again.effects), [{ type: "subscribe", room: ROOM, since: 3 }, { type: "read", room: ROOM, seq: 9 }]);
  assert.deepEqual(again.effects[0], { type: "setTimer", timer: "tick", ms: 1000 });
});

test("each tick arms the next, times out unacked sends and lets typing names expire", () => {
  const typed = playAt(live(0), 0, frame({ type: "typing", room: ROOM, user: { id: "u-bob", username: "bob" } }),
    { type: "send", clientMsgId: "cm-1", body: "hi" });
  const tick = playAt(typed.state, 10_001, { type: "timer", timer: "tick" });
  assert.deepEqual(tick.effects, [{ type: "setTimer", timer: "tick", ms: 1000 }]);
  assert.equal(tick.state.outbox[0]?.status, "failed");
  assert.equal(tick.state.typing.size, 0);
});

test("seen up to a seq: the marker goes only as far as what was on screen, never past the newest, never back", () => {
  const first = playAt(live(6), 0, frame(change(msg(5))), frame(change(msg(6))), { type: "seen", upTo: 5 });
  assert.deepEqual(writes(first.effects), [{ type: "read", room: ROOM, seq: 5 }]);
  const back = playAt(first.state, 2000, { type: "seen", upTo: 3 });
  assert.deepEqual(back.effects, [], "an older message seen again moves nothing");
  const past = playAt(back.state, 4000, { type: "seen", upTo: 99 });
  assert.deepEqual(writes(past.effects), [{ type: "read", room: ROOM, seq: 6 }]);
});
