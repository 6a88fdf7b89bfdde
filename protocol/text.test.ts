import assert from "node:assert/strict";
import { test } from "node:test";
import { checkBody, clientFrame, hasNoLoneSurrogate, isStorableText, parseClientFrame, storableText } from "./index";
import { oneFrameOfEachType } from "./sample-frames";

const storable = ["", "hello", "😀 and 👍🏽", "line\nbreak\ttab", "\uFFFD", "\uFFFF", "\u0001 control", "e\u0301"];
const unstorable = ["a\u0000b", "\u0000", "lone high \uD83D", "\uDE00 lone low", "swapped \uDE00\uD83D", "end\uDBFF"];

test("storable text: NUL and unpaired surrogates are refused, everything else passes", () => {
  for (const text of storable) assert.equal(isStorableText(text), true, JSON.stringify(text));
  for (const text of unstorable) assert.equal(isStorableText(text), false, JSON.stringify(text));
});

test("the fallback for engines without isWellFormed agrees on surrogates", () => {
  for (const text of storable) assert.equal(hasNoLoneSurrogate(text), true, JSON.stringify(text));
  for (const text of unstorable.filter((t) => !t.includes("\u0000"))) assert.equal(hasNoLoneSurrogate(text), false, JSON.stringify(text));
});

test("storableText keeps zod's string checks", () => {
  const name = storableText().min(1).max(3);
  assert.equal(name.safeParse("abc").success, true);
  assert.equal(name.safeParse("abcd").success, false);
  assert.equal(name.safeParse("a\u0000").success, false);
  assert.equal(name.safeParse(7).success, false);
});

test("checkBody refuses unstorable bodies", () => {
  assert.equal(checkBody("hi\u0000", 10), "unstorable");
  assert.equal(checkBody("hi \uD83D", 10), "unstorable");
  assert.equal(checkBody("hi 😀", 10), null);
});

test("every string field of every client frame refuses NUL and lone surrogates", () => {
  const valid = oneFrameOfEachType;
  let checked = 0;
  for (const frame of valid) {
    assert.equal(clientFrame.safeParse(frame).success, true, frame.type);
    for (const [key, value] of Object.entries(frame)) {
      if (key === "type" || typeof value !== "string") continue;
      for (const bad of [`${value}\u0000`, `${value}\uD800`]) {
        // JSON.stringify writes a lone surrogate as the escape \ud800, exactly what a hostile client sends.
        const parsed = parseClientFrame(JSON.stringify({ ...frame, [key]: bad }));
        assert.equal(parsed.ok, false, `${frame.type}.${key} = ${JSON.stringify(bad)}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 30, `checked ${checked} fields`);
});
