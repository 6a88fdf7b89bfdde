import { test } from "node:test";
import assert from "node:assert/strict";
import { ChatConnection } from "./connection";
import { RoomController } from "./room-controller";
import * as room from "./room-state";
import { FakeClock, FakeSocket } from "./test-fakes";
import { msg as fixture, roomInit } from "./test-rooms";
import type { SocketLike } from "./wire";

const msg = (seq: number) => fixture(seq, { body: `b${seq}` });

/** One connection, and a room on it for each id in `rooms` (the first is `c`), each rendered with `initial`. */
function setup(fetchPages: Record<string, unknown> = {}, rooms = ["r1"], initial = { cursor: 1, messages: [msg(1)] }) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const connection = new ChatConnection("ws://x/ws", {
    clock, random: () => 0,
    createSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1) as unknown as SocketLike),
    wake: () => () => {},
  });
  const fetched: string[] = [];
  const fetch = async (url: string) => {
    fetched.push(url);
    return new Response(JSON.stringify(fetchPages[url] ?? {}), { status: url in fetchPages ? 200 : 404 });
  };
  const controllers = rooms.map((id) => new RoomController(
    { ...roomInit(initial.cursor, initial.messages, id), room: { id, name: "lobby", kind: "public" } }, { connection, fetch, clock }));
  const c = controllers[0]!;
  const start = () => {
    for (const each of controllers) each.start();
    connection.start();
  };
  const stop = () => {
    for (const each of controllers) each.stop();
    connection.stop();
  };
  return { c, controllers, start, stop, clock, sockets, fetched, ws: () => sockets.at(-1)! };
}

test("the first snapshot already holds the server-rendered messages (no socket needed)", () => {
  const { c } = setup();
  assert.deepEqual(c.getSnapshot().items.map((i) => i.body), ["b1"]);
  assert.equal(c.getSnapshot().connection, "connecting");
});

test("a message written offline is sent after subscribed, and again with the same id after a reconnect", () => {
  const { c, start, stop, clock, ws } = setup();
  start();
  try {
    assert.equal(c.send("hello"), null);
    assert.deepEqual(c.getSnapshot().items.map((i) => i.status), ["sent", "pending"]);
    ws().ready();
    assert.deepEqual(ws().sent.map((f) => f.type), ["subscribe"], "sends wait for the subscribed reply");
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    const first = ws().sent.at(-1);
    assert.equal(first?.type, "send");
    ws().drop(1006);
    clock.advance(1);
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    assert.equal(ws().sent.at(-1)?.clientMsgId, first?.clientMsgId);
    ws().receive({ type: "ack", room: "r1", clientMsgId: first?.clientMsgId, id: "m2", seq: 2 });
    assert.deepEqual(c.getSnapshot().items.map((i) => [i.status, i.body]), [["sent", "b1"], ["sent", "hello"]]);
  } finally {
    stop();
  }
});

test("recovered:false catches up over HTTP and the cursor becomes lastSeq", async () => {
  const pages = {
    "/api/rooms/r1/messages?after=1&limit=100": { messages: [msg(2)], nextAfter: 2 },
    "/api/rooms/r1/messages?after=2&limit=100": { messages: [msg(3)], nextAfter: null },
  };
  const { c, start, stop, ws, fetched } = setup(pages);
  start();
  try {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 4000, recovered: false });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fetched.length, 2);
    assert.deepEqual(c.getSnapshot().items.map((i) => i.seq), [1, 2, 3]);
    assert.equal(room.cursor(c.state), 4000);
  } finally {
    stop();
  }
});

test("an error about the room shows a banner; one about my send marks it failed instead", () => {
  const { c, start, stop, ws } = setup();
  start();
  try {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    c.send("hi");
    const id = ws().sent.at(-1)?.clientMsgId as string;
    ws().receive({ type: "error", code: "rate_limited", message: "too many", ref: id });
    assert.equal(c.getSnapshot().roomError, null);
    assert.equal(c.getSnapshot().items.at(-1)?.status, "failed");
    ws().receive({ type: "error", code: "not_found", message: "no such room", ref: "r1" });
    assert.match(c.getSnapshot().roomError ?? "", /not a member/);
  } finally {
    stop();
  }
});

test("a subscribe refused with internal (database restarting) is tried again until it holds", () => {
  const { c, start, stop, clock, ws } = setup();
  start();
  try {
    ws().ready();
    assert.equal(ws().sent.filter((f) => f.type === "subscribe").length, 1);
    ws().receive({ type: "error", code: "internal", message: "internal error", ref: "r1" });
    assert.equal(c.state.subscribed, false);
    assert.match(c.getSnapshot().roomError ?? "", /./);
    clock.advance(1_000); // one tick
    assert.equal(ws().sent.filter((f) => f.type === "subscribe").length, 2, "subscribes again on the next tick");
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    assert.equal(c.state.subscribed, true);
    assert.equal(c.getSnapshot().roomError, null);
    clock.advance(1_000); // one tick
    assert.equal(ws().sent.filter((f) => f.type === "subscribe").length, 2, "and stops once subscribed");
  } finally {
    stop();
  }
});

test("typing frames go out at most once per interval in each room, over one connection", () => {
  const { controllers: [r1, r2], start, stop, clock, ws } = setup({}, ["r1", "r2"]);
  start();
  try {
    ws().ready();
    r1!.typingNow();
    r1!.typingNow();
    r2!.typingNow();
    clock.advance(2_000);
    r1!.typingNow();
    assert.deepEqual(ws().sent.filter((f) => f.type === "typing").map((f) => f.room), ["r1", "r2", "r1"]);
  } finally {
    stop();
  }
});

test("read markers are throttled, the latest wins, and one made offline goes out after subscribe", () => {
  const { c, start, stop, clock, ws } = setup({}, ["r1"], { cursor: 0, messages: [msg(4)] });
  const see = (seq: number) => {
    ws().receive({ type: "message", room: "r1", seq, message: msg(seq) });
    c.markSeen();
  };
  start();
  try {
    c.markSeen(); // not connected yet
    ws().ready();
    assert.deepEqual(ws().sent, [{ type: "subscribe", room: "r1", since: 0 }, { type: "read", room: "r1", seq: 4 }]);
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 7, recovered: true }); // 5, 6, 7 are its replay
    clock.advance(1_000);
    see(5);
    see(6);
    see(7);
    clock.advance(1_000);
    assert.deepEqual(ws().sent.slice(2), [{ type: "read", room: "r1", seq: 5 }, { type: "read", room: "r1", seq: 7 }]);
  } finally {
    stop();
  }
});

test("stop leaves the room, clears every timer, and the connection can carry on without it", () => {
  const { controllers: [r1, r2], start, stop, clock, ws } = setup({}, ["r1", "r2"]);
  start();
  try {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    for (const seq of [5, 6]) {
      ws().receive({ type: "message", room: "r1", seq, message: msg(seq) }); // a hole: the resync timer runs
      r1!.markSeen(); // the second waits for the read timer
    }
    const timersBefore = clock.pending();
    r1!.stop();
    assert.deepEqual(ws().sent.at(-1), { type: "unsubscribe", room: "r1" });
    assert.equal(clock.pending(), timersBefore - 3, "r1's tick, resync and read timers are gone");
    assert.equal(r1!.getSnapshot().connection, "offline");
    assert.equal(r2!.getSnapshot().connection, "online");
  } finally {
    stop();
  }
  assert.equal(clock.pending(), 0);
});
