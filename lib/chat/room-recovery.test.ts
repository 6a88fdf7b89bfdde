import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChatMessage } from "../../protocol/index";
import type { RoomEvent } from "./room-events";
import { reduceRoom } from "./room-reducer";
import { createRoomState, type RoomState } from "./room-state";
import { timeline } from "./timeline";
import { change, frame, msg, roomInit, startRoom, subscribed } from "./test-rooms";

const play = (state: RoomState, ...events: RoomEvent[]) => events.reduce((s, e) => reduceRoom(s, e, 0).state, state);
const live = (cursorAt: number, messages: ChatMessage[]) =>
  play(startRoom(cursorAt, messages), { type: "start", connection: "online", closedFor: null }, { type: "rejoin" }, frame(subscribed(cursorAt)));

// Seqs 1-3 held; while away: 4 edits m1, 5 deletes m2, 6 is new, 7 reacts to m3, 8 reacts to m6.
const held = [msg(1), msg(2), msg(3)];
const now = [
  msg(1, { version: 4, body: "edited", editedAt: "2024-01-01T00:04:00.000Z" }),
  msg(2, { version: 5, body: "", deleted: true }),
  msg(3, { version: 7, reactions: { "👍": ["alice", "me"] } }),
  msg(6, { version: 8, reactions: { "🎉": ["alice"] } }),
];
const fresh = () => timeline(createRoomState(roomInit(8, now)));

test("a replay of edits, deletes and reactions (recovered:true) ends where a fresh load starts", () => {
  const away = play(live(3, held), { type: "connection", state: "offline" }, { type: "connection", state: "online" }, { type: "rejoin" });
  const replayed = play(away, frame(subscribed(8, true)), ...[...now].sort((a, b) => a.version - b.version).map((m) => frame(change(m))));
  assert.deepEqual(timeline(replayed), fresh());
});

test("an HTTP catch-up (recovered:false) ends there too, and a late stale frame changes nothing", () => {
  const away = play(live(3, held), { type: "connection", state: "offline" }, { type: "connection", state: "online" }, { type: "rejoin" });
  const caught = play(away, frame(subscribed(8, false)), { type: "changesPage", messages: now, upTo: 8 });
  assert.deepEqual(timeline(caught), fresh());
  const stale = play(caught, frame(change(msg(1, { version: 1 }))), frame(change(msg(2, { version: 4, body: "back?" }))));
  assert.deepEqual(timeline(stale), fresh());
});
