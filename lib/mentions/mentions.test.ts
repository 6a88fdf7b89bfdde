import assert from "node:assert/strict";
import { test } from "node:test";
import { filterMembers, mentionQueryAt, pickMention } from "./autocomplete";
import { mentionsUser, splitMentions } from "./mentions";

test("mentionsUser: word boundaries, case-insensitive, not e-mail or longer names", () => {
  assert.equal(mentionsUser("hi @ann", "ann"), true);
  assert.equal(mentionsUser("@ANN, look", "ann"), true);
  assert.equal(mentionsUser("(@ann)", "ann"), true);
  assert.equal(mentionsUser("@ann.", "ann"), true);
  assert.equal(mentionsUser("line\n@ann", "ann"), true);
  assert.equal(mentionsUser("mail ann@ann.org", "ann"), false);
  assert.equal(mentionsUser("x@ann", "ann"), false);
  assert.equal(mentionsUser("@anna", "ann"), false);
  assert.equal(mentionsUser("@ann-marie and @ann_b", "ann"), false);
  assert.equal(mentionsUser("@ann-marie then @ann", "ann"), true);
  assert.equal(mentionsUser("ann", "ann"), false);
  assert.equal(mentionsUser("@a.n", "a.n"), false, "not a username: never matches");
});

test("splitMentions: mentions and the text around them", () => {
  assert.deepEqual(splitMentions("hi @Ann and @ben-2!"), [
    { text: "hi " }, { text: "@Ann", mention: "ann" }, { text: " and " }, { text: "@ben-2", mention: "ben-2" }, { text: "!" },
  ]);
  assert.deepEqual(splitMentions("a@ann.org @x"), [{ text: "a@ann.org @x" }], "e-mail and too short");
  assert.deepEqual(splitMentions("@ann"), [{ text: "@ann", mention: "ann" }]);
});

test("mentionQueryAt: an @ at a boundary up to the caret", () => {
  assert.deepEqual(mentionQueryAt("hi @an", 6), { start: 3, query: "an" });
  assert.deepEqual(mentionQueryAt("@", 1), { start: 0, query: "" });
  assert.deepEqual(mentionQueryAt("hi @An there", 6), { start: 3, query: "an" });
  assert.equal(mentionQueryAt("mail a@b", 8), null);
  assert.equal(mentionQueryAt("hi @an x", 8), null);
});

test("filterMembers: prefix matches first, then substring, alphabetical, limited", () => {
  const members = [{ username: "bob" }, { username: "alice" }, { username: "al" }, { username: "sal" }, { username: "carl" }];
  assert.deepEqual(filterMembers(members, "al").map((m) => m.username), ["al", "alice", "sal"]);
  assert.deepEqual(filterMembers(members, "AL").map((m) => m.username), ["al", "alice", "sal"]);
  assert.deepEqual(filterMembers(members, "", 2).map((m) => m.username), ["al", "alice"]);
  assert.deepEqual(filterMembers(members, "zz"), []);
});

test("pickMention: replaces the query, adds one space", () => {
  assert.deepEqual(pickMention("hi @al", 6, { start: 3, query: "al" }, "alice"), { text: "hi @alice ", caret: 10 });
  assert.deepEqual(pickMention("@al there", 3, { start: 0, query: "al" }, "alice"), { text: "@alice there", caret: 7 });
});
