import { test } from "node:test";
import assert from "node:assert/strict";
import { msg, running, setup } from "./test-controller";

test("typing frames go out at most once per interval in each room, over one connection", () => {
  const t = setup({}, ["r1", "r2"]);
  const { controllers: [r1, r2], clock, ws } = t;
  return running(t, () => {
    ws().ready();
    r1!.typingNow();
    r1!.typingNow();
    r2!.typingNow();
    clock.advance(2_000);
    r1!.typingNow();
    assert.deepEqual(ws().sent.filter((f) => f.type === "typing").map((f) => f.room), ["r1", "r2", "r1"]);
  });
});

test("read markers are throttled, the latest wins, and one made offline goes out after subscribe", () => {
  const t = setup({}, ["r1"], { cursor: 0, messages: [msg(4)] });
  const { c, clock, ws } = t;
  const see = (seq: number) => {
    ws().receive({ type: "message", room: "r1", seq, message: msg(seq) });
    c.markSeen();
  };
  return running(t, () => {
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
  });
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

test("edit, delete and react go out with a fresh reqId each; a refusal of one is shown", () => {
  const t = setup({}, ["r1"], { cursor: 1, messages: [msg(1)] });
  const { c, ws } = t;
  return running(t, () => {
    ws().ready();
    ws().receive({ type: "subscribed", room: "r1", lastSeq: 1, recovered: true });
    assert.equal(c.edit("m1", "x".repeat(5000)), "too_large");
    assert.equal(c.edit("m1", "better"), null);
    c.remove("m1");
    c.react("m1", "👍", true);
    const sent = ws().sent.filter((f) => f.type === "edit" || f.type === "delete" || f.type === "react");
    assert.deepEqual(sent.map((f) => f.type), ["edit", "delete", "react"]);
    const reqIds = sent.map((f) => ("reqId" in f ? f.reqId : ""));
    assert.equal(new Set(reqIds).size, 3);
    ws().receive({ type: "error", code: "forbidden", message: "no", ref: reqIds[1] });
    assert.equal(c.getSnapshot().roomError, "You are not allowed to delete the message.");
    assert.equal(c.state.actions.size, 2);
  });
});
