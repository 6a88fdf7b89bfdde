import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { isReactionEmoji, parseClientFrame } from "./index";

const zwj = "\u200d";

const accepted = {
  "thumbs up": "👍",
  "red heart with its emoji selector": "❤️",
  "skin tone": "👍🏽",
  "family (ZWJ sequence)": "👨‍👩‍👧",
  "kiss with two skin tones (10 code points)": "👩🏻‍❤️‍💋‍👨🏼",
  flag: "🇫🇷",
  "subdivision flag (tag sequence)": "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
  "rainbow flag": "🏳️‍🌈",
  keycap: "#️⃣",
  "recent emoji": "🫠",
};

const refused = {
  empty: "",
  letter: "a",
  digit: "1",
  ["__proto__"]: "__proto__", // computed: a plain `__proto__:` key would set the prototype instead
  constructor: "constructor",
  prototype: "prototype",
  "two emoji": "👍👍",
  "text with an emoji": "nice 👍",
  "emoji with a space": "👍 ",
  "32 random chars": randomBytes(16).toString("hex"),
  "a lone joiner": zwj,
  "a trailing joiner": `👍${zwj}`,
  "a leading joiner": `${zwj}👍`,
  "a doubled joiner": `👨${zwj}${zwj}👩`,
  "joined letters": `a${zwj}b`,
  "a lone selector": "\ufe0f",
  "half a flag": "🇦",
  "three regional indicators": "🇫🇷🇦",
  NUL: "\u0000",
  "ten thumbs": "👍".repeat(10),
  "huge": "👍".repeat(10_000),
};

test("a reaction is one RGI emoji", () => {
  for (const [name, emoji] of Object.entries(accepted)) assert.ok(isReactionEmoji(emoji), `${name} is accepted`);
  for (const [name, text] of Object.entries(refused)) assert.equal(isReactionEmoji(text), false, `${name} is refused`);
});

test("react frames are validated by the protocol schema", () => {
  const react = (emoji: string) => parseClientFrame(JSON.stringify({ type: "react", room: "r1", id: "7", emoji, on: true, reqId: "q1" }));
  for (const emoji of Object.values(accepted)) assert.ok(react(emoji).ok, `${emoji} parses`);
  for (const [name, text] of Object.entries(refused)) {
    const parsed = react(text);
    assert.equal(parsed.ok, false, `${name} is a bad_request`);
    assert.equal(!parsed.ok && parsed.ref, "q1", "the refusal echoes the reqId");
  }
  const proto = parseClientFrame('{"type":"react","room":"r1","id":"7","emoji":"__proto__","on":true,"reqId":"q2"}');
  assert.match(!proto.ok ? proto.message : "", /emoji/);
});
