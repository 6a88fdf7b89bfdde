import assert from "node:assert/strict";
import { test } from "node:test";
import type { BrokerEvent } from "../broker/broker";
import { decodeEvent, encodeEvent } from "../broker/envelope";

const self = "aaaaaaaaaaaa";
const other = "bbbbbbbbbbbb";

test("broker events survive the wire; our own and malformed ones are dropped", () => {
  const frame = '{"type":"message","room":"r","seq":7,"message":{"body":"a|b"}}';
  const second = JSON.stringify({ type: "message", seq: 8, message: { body: "line one\nline two, 9|10" } });
  const events = [
    { kind: "changes", changes: [{ seq: 7, frame }] },
    { kind: "changes", changes: [{ seq: 7, frame }, { seq: 8, frame: second }] },
    { kind: "ephemeral", frame: '{"x":"|"}' },
    { kind: "presence" },
    { kind: "user", userId: "5b6f0c1e-0000-4000-8000-000000000001", frame: '{"type":"read","room":"r|","seq":3}' },
  ] satisfies BrokerEvent[];
  for (const event of events) {
    assert.deepEqual(decodeEvent(self, encodeEvent(other, event)), event);
    assert.equal(decodeEvent(self, encodeEvent(self, event)), null);
  }
  for (const junk of ["", "short", `${other}c|{}`, `${other}cx|{}`, `${other}z|{}`, `${other}c1,2|{}`, `${other}c1|{}\n{}`]) {
    assert.equal(decodeEvent(self, junk), null);
  }
});
