import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeFrame, frameRef, messageFrame, serverFrame } from "./index";
import { oneFrameOfEachType, sampleMessage as message, sampleUuid as uuid } from "./sample-frames";

test("a message frame carries the change's cursor (the message's version) and encodes as the wire has it", () => {
  const text = encodeFrame(messageFrame("r1", message));
  assert.equal(text, `{"type":"message","room":"r1","seq":5,"message":${JSON.stringify(message)}}`);
  assert.deepEqual(serverFrame.parse(JSON.parse(text)), { type: "message", room: "r1", seq: 5, message });
});

test("frameRef: the clientMsgId, reqId or room a frame names, in that order", () => {
  const refs = oneFrameOfEachType.map(frameRef);
  assert.deepEqual(refs, ["r1", "r1", uuid, "q1", "q2", "q3", "r1", "r1"]);
  assert.equal(frameRef({ type: "send", clientMsgId: 5, room: "r2" }), "r2");
  assert.equal(frameRef(null), undefined);
  assert.equal(frameRef("send"), undefined);
});
