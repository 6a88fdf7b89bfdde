import { test } from "node:test";
import assert from "node:assert/strict";
import * as room from "./room-state";
import { msg, running, setup } from "./test-controller";

test("the first snapshot already holds the server-rendered messages (no socket needed)", () => {
  const { c } = setup();
  assert.deepEqual(c.getSnapshot().items.map((i) => i.body), ["b1"]);
  assert.equal(c.getSnapshot().connection, "connecting");
});

test("a message written offline is sent after subscribed, and again with the same id after a reconnect", () => {
  const t = setup();
  const { c, clock, ws } = t;
  return running(t, () => {
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
  });
});

test("recovered:false catches up over HTTP and the cursor becomes lastSeq", () => {
  const pages = {
    "/api/rooms/r1/messages?after=1&limit=100": { messages: [msg(2)], nextAfter: 2 },
    "/api/rooms/r1/messages?after=2&limit=100": { messages: [msg(3)], nextAfter: null },
  };
  const t = setup(pages);
  const { c, ws, fetched } = t;
  return running(t, async () => {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 4000, recovered: false });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fetched.length, 2);
    assert.deepEqual(c.getSnapshot().items.map((i) => i.seq), [1, 2, 3]);
    assert.equal(room.cursor(c.state), 4000);
  });
});

test("an error about the room shows a banner; one about my send marks it failed instead", () => {
  const t = setup();
  const { c, ws } = t;
  return running(t, () => {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    c.send("hi");
    const id = ws().sent.at(-1)?.clientMsgId as string;
    ws().receive({ type: "error", code: "rate_limited", message: "too many", ref: id });
    assert.equal(c.getSnapshot().roomError, null);
    assert.equal(c.getSnapshot().items.at(-1)?.status, "failed");
    ws().receive({ type: "error", code: "not_found", message: "no such room", ref: "r1" });
    assert.match(c.getSnapshot().roomError ?? "", /not a member/);
  });
});

test("a subscribe refused with internal (database restarting) is tried again until it holds", () => {
  const t = setup();
  const { c, clock, ws } = t;
  return running(t, () => {
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
  });
});
