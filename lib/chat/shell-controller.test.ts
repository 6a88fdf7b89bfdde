import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomController } from "./room-controller";
import { change, msg, roomInit } from "./test-rooms";
import { shellHarness } from "./test-shell";
import type { SidebarRoom } from "./unread";

const me = "u-me";
const room = (id: string, unread = 0, lastSeq = 1): SidebarRoom => ({ id, name: id, kind: "public", unread, mentions: 0, lastSeq, readSeq: lastSeq - unread });

function setup(rooms: SidebarRoom[], snapshot: SidebarRoom[] = rooms) {
  const harness = shellHarness(rooms, snapshot);
  const { shell, ws } = harness;
  const subscribes = () => ws().sent.filter((f) => f.type === "subscribe").map((f) => [f.room, f.since]);
  const counts = () => Object.fromEntries(shell.getSnapshot().rooms.map((r) => [r.id, r.count]));
  return { ...harness, subscribes, counts };
}

test("every room but the claimed one is subscribed, one at a time, since the last change seen; a refusal pauses", () => {
  const { shell, clock, ws, subscribes } = setup([room("a", 0, 4), room("b"), room("c"), room("open")]);
  shell.claim("open");
  shell.start();
  ws().ready();
  assert.deepEqual(subscribes(), [["a", 4]]);
  clock.advance(400);
  assert.deepEqual(subscribes(), [["a", 4], ["b", 1]]);
  ws().receive({ type: "error", code: "rate_limited", message: "slow down", ref: "b" });
  clock.advance(9_000);
  assert.equal(subscribes().length, 2, "paused for a window");
  clock.advance(1_000);
  assert.deepEqual(subscribes().at(-1), ["b", 1]);
  clock.advance(400);
  assert.deepEqual(subscribes().at(-1), ["c", 1]);
  clock.advance(10_000);
  assert.equal(subscribes().length, 4, "the open room is left to its RoomController");
  shell.stop();
});

test("counts rise with other people's messages in any room and drop on this tab's read and on another tab's `read`", () => {
  const { shell, ws, counts } = setup([room("a", 1, 3), room("b", 0, 1)]);
  shell.start();
  ws().ready();
  assert.deepEqual(counts(), { a: 1, b: 0 });
  assert.equal(shell.getSnapshot().total, 1);
  ws().receive(change(msg(2), "b"));
  ws().receive(change(msg(3), "b"));
  ws().receive(change(msg(4, { author: { id: me, username: "me" } }), "b"));
  assert.deepEqual(counts(), { a: 1, b: 2 });
  shell.wrote({ type: "read", room: "b", seq: 4 });
  assert.deepEqual(counts(), { a: 1, b: 0 });
  ws().receive({ type: "read", room: "a", seq: 3 });
  assert.deepEqual(counts(), { a: 0, b: 0 });
  assert.equal(shell.getSnapshot().total, 0);
  shell.stop();
});

test("a marker inside the snapshot, a room joined elsewhere and a reconnect fetch a fresh snapshot", async () => {
  const { shell, ws, fetched, counts } = setup([room("a", 3, 5)], [room("a", 1, 5), room("new", 2, 2)]);
  shell.start();
  ws().ready();
  ws().receive({ type: "read", room: "a", seq: 3 });
  assert.deepEqual(fetched, ["/api/me/rooms"]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(counts(), { a: 1, new: 2 });
  ws().receive({ type: "subscribed", room: "other", lastSeq: 0, recovered: true });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(fetched.length, 2);
  shell.stop();
});

test("the open room shares the socket: its read markers reach the shell, errors about the shell's rooms stay out of it", () => {
  const { shell, ws, counts, connection, fetch, clock } = setup([room("a", 0, 1), room("open", 2, 3)]);
  const open = new RoomController(roomInit(3, [msg(2), msg(3)], "open"), { connection, fetch, clock, onWrite: shell.wrote, otherRoom: shell.watches });
  const release = shell.claim("open");
  open.start();
  shell.start();
  ws().ready();
  ws().receive({ type: "subscribed", room: "open", lastSeq: 3, recovered: true });
  ws().receive({ type: "error", code: "rate_limited", message: "slow down", ref: "a" });
  assert.equal(open.getSnapshot().roomError, null);
  open.markSeen(3);
  assert.deepEqual(counts(), { a: 0, open: 0 });
  open.stop();
  release();
  clock.advance(400);
  assert.ok(ws().sent.some((f) => f.type === "subscribe" && f.room === "open" && f.since === 3), "handed back to the shell");
  shell.stop();
});
