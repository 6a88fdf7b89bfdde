import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChatMessage } from "../../protocol/index";
import { RoomController } from "./room-controller";
import * as room from "./room-state";
import { ChatSocket, type SocketLike } from "./socket";
import { FakeClock, FakeSocket } from "./test-fakes";

const me = { id: "u-me", username: "me" };
const msg = (seq: number): ChatMessage => ({
  id: `m${seq}`, seq, version: seq, author: { id: "u-a", username: "alice" }, body: `b${seq}`,
  createdAt: "2024-01-01T00:00:00.000Z", editedAt: null, deleted: false, clientMsgId: `c${seq}`, reactions: {},
});

function setup(fetchPages: Record<string, unknown> = {}) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const socket = new ChatSocket("ws://x/ws", {
    clock, random: () => 0,
    createSocket: () => (sockets.push(new FakeSocket()), sockets.at(-1) as unknown as SocketLike),
    wake: () => () => {},
  });
  const fetched: string[] = [];
  const fetch = async (url: string) => {
    fetched.push(url);
    return new Response(JSON.stringify(fetchPages[url] ?? {}), { status: url in fetchPages ? 200 : 404 });
  };
  const c = new RoomController(
    { room: { id: "r1", name: "lobby", kind: "public" }, me, initialMessages: [msg(1)], initialCursor: 1, olderBefore: null, socketUrl: "ws://x/ws" },
    { socket, fetch, now: clock.now },
  );
  return { c, clock, sockets, fetched, ws: () => sockets.at(-1)! };
}

test("the first snapshot already holds the server-rendered messages (no socket needed)", () => {
  const { c } = setup();
  assert.deepEqual(c.getSnapshot().items.map((i) => i.body), ["b1"]);
  assert.equal(c.getSnapshot().connection, "connecting");
});

test("a message written offline is sent after subscribed, and again with the same id after a reconnect", () => {
  const { c, clock, ws } = setup();
  c.start();
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
    c.stop();
  }
});

test("recovered:false catches up over HTTP and the cursor becomes lastSeq", async () => {
  const pages = {
    "/api/rooms/r1/messages?after=1&limit=100": { messages: [msg(2)], nextAfter: 2 },
    "/api/rooms/r1/messages?after=2&limit=100": { messages: [msg(3)], nextAfter: null },
  };
  const { c, ws, fetched } = setup(pages);
  c.start();
  try {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 4000, recovered: false });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fetched.length, 2);
    assert.deepEqual(c.getSnapshot().items.map((i) => i.seq), [1, 2, 3]);
    assert.equal(room.cursor(c.state), 4000);
  } finally {
    c.stop();
  }
});

test("an error about the room shows a banner; one about my send marks it failed instead", () => {
  const { c, ws } = setup();
  c.start();
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
    c.stop();
  }
});

test("a subscribe refused with internal (database restarting) is tried again until it holds", () => {
  const { c, ws } = setup();
  c.start();
  try {
    ws().ready();
    assert.equal(ws().sent.filter((f) => f.type === "subscribe").length, 1);
    ws().receive({ type: "error", code: "internal", message: "internal error", ref: "r1" });
    assert.equal(c.subscribed, false);
    assert.match(c.getSnapshot().roomError ?? "", /./);
    c.tick();
    assert.equal(ws().sent.filter((f) => f.type === "subscribe").length, 2, "subscribes again on the next tick");
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    assert.equal(c.subscribed, true);
    assert.equal(c.getSnapshot().roomError, null);
    c.tick();
    assert.equal(ws().sent.filter((f) => f.type === "subscribe").length, 2, "and stops once subscribed");
  } finally {
    c.stop();
  }
});
