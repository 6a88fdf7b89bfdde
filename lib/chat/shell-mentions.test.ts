import assert from "node:assert/strict";
import { test } from "node:test";
import type { Notice } from "./mention-notices";
import { change, msg } from "./test-rooms";
import { shellHarness } from "./test-shell";
import type { SidebarRoom } from "./unread";

const room = (id: string, kind: SidebarRoom["kind"], mentions = 0, lastSeq = 1): SidebarRoom =>
  ({ id, name: id, kind, unread: mentions, mentions, lastSeq, readSeq: lastSeq - mentions });

function setup(rooms: SidebarRoom[]) {
  const { shell, ws, fetched } = shellHarness(rooms);
  const notices: Notice[] = [];
  shell.notices.onNotice((n) => notices.push(n));
  const mentions = () => Object.fromEntries(shell.getSnapshot().rooms.map((r) => [r.id, r.mentionCount]));
  return { shell, ws, notices, mentions, fetched };
}

test("mention badges count live mentions by others, replays included; notices only for live ones, once each", () => {
  const { shell, ws, notices, mentions } = setup([room("a", "public"), room("dm", "dm")]);
  shell.start();
  ws().ready();
  ws().receive({ type: "subscribed", room: "a", lastSeq: 3, recovered: true });
  ws().receive(change(msg(2, { body: "@me replayed" }), "a"));
  ws().receive(change(msg(3, { body: "replayed too @ME" }), "a"));
  ws().receive(change(msg(4, { body: "live @me" }), "a"));
  ws().receive(change(msg(4, { body: "live @me" }), "a")); // a second copy
  ws().receive(change(msg(5, { body: "nothing for me" }), "a"));
  ws().receive(change(msg(4, { body: "live @me, edited", version: 6 }), "a"));
  ws().receive(change(msg(7, { body: "mine @me", author: { id: "u-me", username: "me" } }), "a"));
  assert.deepEqual(mentions(), { a: 3, dm: 0 });
  assert.deepEqual(notices.map((n) => [n.room, n.seq]), [["a", 4]]);
  ws().receive({ type: "subscribed", room: "dm", lastSeq: 1, recovered: true });
  ws().receive(change(msg(2, { body: "psst" }), "dm"));
  assert.deepEqual(notices.map((n) => [n.room, n.seq, n.title]), [["a", 4, "alice mentioned you in a"], ["dm", 2, "alice (direct message)"]]);
  shell.stop();
});

test("an edit or delete of an unread message inside the snapshot fetches a new one when the mentions may move", () => {
  const { shell, ws, fetched } = setup([room("a", "public", 2, 5)]);
  shell.start();
  ws().ready();
  ws().receive({ type: "subscribed", room: "a", lastSeq: 6, recovered: true });
  ws().receive(change(msg(4, { deleted: true, body: "", version: 6 }), "a"));
  assert.deepEqual(fetched, ["/api/me/rooms"]);
  shell.stop();
});
