import { test } from "node:test";
import assert from "node:assert/strict";
import { commonEmoji, loadRecent, parseRecent, pickerChoices, pushRecent, saveRecent } from "./recent-emoji";

test("recent emoji: newest first, no repeats, eight at most", () => {
  let recent: string[] = [];
  for (const e of ["👍", "🔥", "👍", "🦀", "🚀", "🍕", "🌈", "🐙", "🧪", "🎯"]) recent = pushRecent(recent, e);
  assert.deepEqual(recent, ["🎯", "🧪", "🐙", "🌈", "🍕", "🚀", "🦀", "👍"]);
});

test("stored values are checked again: only real emoji, garbage gives none", () => {
  assert.deepEqual(parseRecent('["🔥","<img>","🔥",7,"👍👍","🦀"]'), ["🔥", "🦀"]);
  assert.deepEqual(parseRecent("{not json"), []);
  assert.deepEqual(parseRecent('{"a":1}'), []);
  assert.deepEqual(parseRecent(null), []);
});

test("the picker offers recent ones first, then the common ones not among them", () => {
  const choices = pickerChoices(["🔥", "👍"]);
  assert.deepEqual(choices.slice(0, 2), ["🔥", "👍"]);
  assert.equal(choices.length, 2 + commonEmoji.length - 1);
});

test("save and load through a storage; a throwing storage is survived", () => {
  const map = new Map<string, string>();
  const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  saveRecent(store, "🔥");
  saveRecent(store, "👍");
  assert.deepEqual(loadRecent(store), ["👍", "🔥"]);
  const broken = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
  assert.deepEqual(saveRecent(broken, "🔥"), ["🔥"]);
  assert.deepEqual(loadRecent(undefined), []);
});
