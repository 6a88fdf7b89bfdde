import assert from "node:assert/strict";
import { test } from "node:test";
import { requestIdFrom } from "./request-id";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("a sane incoming request id is kept", () => {
  for (const id of ["a", "edge-7f3a.91:b_2", "x".repeat(128), "0f8fad5b-d9cb-469f-a165-70867728950e"]) assert.equal(requestIdFrom(id), id);
});

test("a missing, repeated, too long or odd request id is replaced by a fresh UUID each time", () => {
  const odd = [undefined, "", ["a", "b"], "x".repeat(129), "a b", "a\tb", 'a"b', "a,b", "é", "a\nb", "{}"];
  const fresh = odd.map((id) => requestIdFrom(id));
  for (const id of fresh) assert.match(id, uuid);
  assert.equal(new Set(fresh).size, fresh.length);
});
