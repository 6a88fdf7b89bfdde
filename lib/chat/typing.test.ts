import { test } from "node:test";
import assert from "node:assert/strict";
import { noTyping, noteTyping, pruneTyping, stopTyping, typingLabel, typingNames } from "./typing";

const alice = { id: "a", username: "alice" };
const bob = { id: "b", username: "bob" };

test("each typer expires on their own after the ttl, and a sent message clears them", () => {
  let s = noteTyping(noTyping, alice, 0);
  s = noteTyping(s, bob, 2_000);
  assert.deepEqual(typingNames(pruneTyping(s, 2_999)), ["alice", "bob"]);
  assert.deepEqual(typingNames(pruneTyping(s, 3_000)), ["bob"]);
  assert.deepEqual(typingNames(stopTyping(s, "b")), ["alice"]);
  assert.equal(pruneTyping(s, 10), s, "nothing expired: same object, no re-render");
});

test("the indicator reads naturally", () => {
  assert.equal(typingLabel([]), "");
  assert.equal(typingLabel(["alice"]), "alice is typing…");
  assert.equal(typingLabel(["alice", "bob"]), "alice and bob are typing…");
  assert.equal(typingLabel(["a", "b", "c", "d"]), "4 people are typing…");
});
