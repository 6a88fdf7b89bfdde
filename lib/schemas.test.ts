import assert from "node:assert/strict";
import { test } from "node:test";
import { signupInput } from "./accounts";
import { roomInput, usernameInput } from "./schemas";

/* Every HTTP text input refuses what PostgreSQL cannot store, with a 400 (parseValue), not a 500 from the database. */
test("room names, usernames and passwords refuse NUL and lone surrogates", () => {
  assert.equal(roomInput.safeParse({ name: "general 😀", kind: "public" }).success, true);
  assert.equal(roomInput.safeParse({ name: "gen\u0000eral", kind: "public" }).success, false);
  assert.equal(roomInput.safeParse({ name: "gen \uD83D", kind: "public" }).success, false);
  assert.equal(usernameInput.safeParse({ username: "bob" }).success, true);
  assert.equal(usernameInput.safeParse({ username: "bob\u0000" }).success, false);
  assert.equal(signupInput.safeParse({ username: "alice", password: "long enough" }).success, true);
  assert.equal(signupInput.safeParse({ username: "alice\u0000", password: "long enough" }).success, false);
  assert.equal(signupInput.safeParse({ username: "alice", password: "long\u0000enough" }).success, false);
  assert.equal(signupInput.safeParse({ username: "alice", password: "long \uDE00nough" }).success, false);
});
