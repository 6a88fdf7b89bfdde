import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeEvent, encodeEvent } from "../broker/envelope";

const self = "aaaaaaaaaaaa";
const other = "bbbbbbbbbbbb";

test("broker events survive the wire; our own and malformed ones are dropped", () => {
  const frame = '{"type":"message","room":"r","seq":7,"message":{"body":"a|b"}}';
  for (const event of [{ kind: "change", seq: 7, frame }, { kind: "ephemeral", frame: '{"x":"|"}' }, { kind: "presence" }] as const) {
    assert.deepEqual(decodeEvent(self, encodeEvent(other, event)), event);
    assert.equal(decodeEvent(self, encodeEvent(self, event)), null);
  }
  for (const junk of ["", "short", `${other}c|{}`, `${other}cx|{}`, `${other}z|{}`]) assert.equal(decodeEvent(self, junk), null);
});
