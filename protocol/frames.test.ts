import assert from "node:assert/strict";
import { test } from "node:test";
import { checkBody, codePointLength, parseClientFrame, serverFrame } from "./index";
import { oneFrameOfEachType, sampleMessage as message, sampleUuid as uuid } from "./sample-frames";

test("parses every client frame type", () => {
  const frames = [...oneFrameOfEachType, { type: "subscribe", room: "r1", since: 0 }];
  for (const frame of frames) {
    const parsed = parseClientFrame(JSON.stringify(frame));
    assert.ok(parsed.ok, `${frame.type} should parse`);
    assert.deepEqual(parsed.frame, frame);
  }
});

test("refuses malformed frames with a reason and the ref it had", () => {
  assert.deepEqual(parseClientFrame("{nope"), { ok: false, message: "frame is not valid JSON" });
  const unknown = parseClientFrame(JSON.stringify({ type: "shout", room: "r1" }));
  assert.equal(unknown.ok, false);
  assert.equal(!unknown.ok && unknown.ref, "r1");
  const badId = parseClientFrame(JSON.stringify({ type: "send", room: "r1", clientMsgId: "x", body: "a" }));
  assert.equal(badId.ok, false);
  assert.equal(!badId.ok && badId.ref, "x");
  assert.match(!badId.ok ? badId.message : "", /clientMsgId/);
  const negative = parseClientFrame(JSON.stringify({ type: "subscribe", room: "r1", since: -1 }));
  assert.equal(negative.ok, false);
  assert.equal(parseClientFrame("[]").ok, false);
  assert.equal(parseClientFrame("null").ok, false);
});

test("server frames round-trip through the schema", () => {
  const frames = [
    { type: "ready", user: { id: "u", username: "alice" }, node: "n1" },
    { type: "subscribed", room: "r1", lastSeq: 3, recovered: true },
    { type: "ack", room: "r1", id: "1", seq: 1, clientMsgId: uuid },
    { type: "message", room: "r1", seq: message.version, message },
    { type: "presence", room: "r1", count: 500 },
    { type: "error", code: "too_large", message: "body too long", ref: uuid },
  ];
  for (const frame of frames) assert.deepEqual(serverFrame.parse(frame), frame);
  assert.equal(serverFrame.safeParse({ type: "error", code: "teapot", message: "" }).success, false);
});

test("body checks count code points and refuse blank bodies", () => {
  assert.equal(codePointLength("😀😀"), 2);
  assert.equal(checkBody("   \n", 10), "empty");
  assert.equal(checkBody("😀".repeat(10), 10), null);
  assert.equal(checkBody("😀".repeat(11), 10), "too_large");
  assert.equal(checkBody("hello", 10), null);
});
