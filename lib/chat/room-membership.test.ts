import { test } from "node:test";
import assert from "node:assert/strict";
import { viewOf } from "./room-view";
import { alice, frame, me, play, ROOM, startRoom, subscribed, writes } from "./test-rooms";


const live = () => play(startRoom(0), { type: "start", connection: "online", closedFor: null }, { type: "rejoin" }, frame(subscribed(0))).state;

test("removed from the room: out for good, a banner, and no subscribe after a reconnect", () => {
  const out = play(live(), frame({ type: "removed", room: ROOM, reason: "removed", user: me })).state;
  assert.equal(viewOf(out).removed, "removed");
  assert.equal(out.subscribed, false);
  assert.match(out.roomError ?? "", /removed/);
  const back = play(out, { type: "connection", state: "offline" }, { type: "connection", state: "online" }, { type: "rejoin" });
  assert.deepEqual(writes(back.effects), [], "no subscribe: the server would answer not_found");
});

test("a deleted room puts me out too; someone else leaving only drops them from the members", () => {
  assert.equal(play(live(), frame({ type: "removed", room: ROOM, reason: "deleted" })).state.removed, "deleted");
  const other = play(live(), frame({ type: "removed", room: ROOM, reason: "left", user: alice })).state;
  assert.equal(other.removed, null);
  assert.deepEqual([...viewOf(other).departed], [alice.id]);
});

test("renamed: the view carries the new name; frames of another room change nothing", () => {
  const renamed = play(live(), frame({ type: "renamed", room: ROOM, name: "new" })).state;
  assert.equal(viewOf(renamed).name, "new");
  const start = live();
  const elsewhere = play(start, frame({ type: "renamed", room: "r2", name: "x" }), frame({ type: "removed", room: "r2", reason: "deleted" }));
  assert.equal(elsewhere.state, start);
});
