import { test } from "node:test";
import assert from "node:assert/strict";
import type { RoomState } from "./room-state";
import { timeline } from "./timeline";
import { change, frame, me, msg, play, ROOM, startRoom, subscribed, writes } from "./test-rooms";


const mine = msg(1, { author: me });
function live(): RoomState {
  const started = { type: "start", connection: "online", closedFor: null } as const;
  return play(startRoom(1, [mine]), started, { type: "rejoin" }, frame(subscribed(1))).state;
}

test("edit, delete and react each write one frame with their reqId and wait for its answer", () => {
  const { state, effects } = play(live(),
    { type: "edit", reqId: "q1", messageId: "m1", body: "fixed" },
    { type: "delete", reqId: "q2", messageId: "m1" },
    { type: "react", reqId: "q3", messageId: "m1", emoji: "👍", on: true });
  assert.deepEqual(writes(effects), [
    { type: "edit", room: ROOM, id: "m1", body: "fixed", reqId: "q1" },
    { type: "delete", room: ROOM, id: "m1", reqId: "q2" },
    { type: "react", room: ROOM, id: "m1", emoji: "👍", on: true, reqId: "q3" },
  ]);
  assert.deepEqual([...state.actions.keys()], ["q1", "q2", "q3"]);
  assert.equal(timeline(state)[0]!.body, "hello 1", "nothing is applied before the server says so");
});

test("the ack settles the action; the message frame is what changes the timeline", () => {
  const edited = msg(1, { author: me, body: "fixed", version: 2, editedAt: "2024-01-01T00:01:00.000Z", reactions: { "👍": ["me"] } });
  const { state } = play(live(),
    { type: "edit", reqId: "q1", messageId: "m1", body: "fixed" },
    frame({ type: "ack", reqId: "q1", room: ROOM, id: "m1", seq: 2 }),
    frame(change(edited)));
  assert.equal(state.actions.size, 0);
  const [item] = timeline(state);
  assert.equal(item!.body, "fixed");
  assert.equal(item!.edited, true);
  assert.deepEqual(item!.reactions, { "👍": ["me"] });
  assert.equal(state.roomError, null);
});

test("a refusal of that reqId shows what failed, and settles it", () => {
  const { state } = play(live(),
    { type: "delete", reqId: "q9", messageId: "m1" },
    frame({ type: "error", code: "forbidden", message: "not allowed to change this message", ref: "q9" }));
  assert.equal(state.actions.size, 0);
  assert.equal(state.roomError, "You are not allowed to delete the message.");
  const full = play(live(),
    { type: "react", reqId: "q8", messageId: "m1", emoji: "🎉", on: true },
    frame({ type: "error", code: "rate_limited", message: "this message has the most different reactions allowed", ref: "q8" }));
  assert.equal(full.state.roomError, "Could not change the reaction: this message has the most different reactions allowed.");
});

test("offline, nothing is written and the user is told; a write that found no socket is dropped the same way", () => {
  const offline = play(live(), { type: "connection", state: "offline" }, { type: "edit", reqId: "q1", messageId: "m1", body: "x" });
  assert.deepEqual(writes(offline.effects), []);
  assert.match(offline.state.roomError ?? "", /offline/);
  const sent = play(live(), { type: "react", reqId: "q2", messageId: "m1", emoji: "👍", on: false });
  const failed = play(sent.state, { type: "writeFailed", frame: writes(sent.effects)[0]! });
  assert.equal(failed.state.actions.size, 0);
  assert.match(failed.state.roomError ?? "", /offline/);
});

test("a lost connection forgets unanswered actions; a deleted message shows no reactions", () => {
  const sent = play(live(), { type: "delete", reqId: "q1", messageId: "m1" });
  const lost = play(sent.state, { type: "connection", state: "offline" });
  assert.equal(lost.state.actions.size, 0);
  const gone = play(live(), frame(change(msg(1, { author: me, version: 3, deleted: true, body: "", reactions: { "👍": ["a"] } }))));
  assert.deepEqual(timeline(gone.state)[0]!.reactions, {});
  assert.equal(timeline(gone.state)[0]!.deleted, true);
});
