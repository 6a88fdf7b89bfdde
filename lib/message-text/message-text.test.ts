import { test } from "node:test";
import assert from "node:assert/strict";
import { isEmojiOnly } from "./emoji-only";
import { linkRel, safeHref } from "./link-policy";

test("only absolute http and https URLs become links", () => {
  assert.equal(safeHref("https://example.com/a?b=1#c"), "https://example.com/a?b=1#c");
  assert.equal(safeHref("HTTP://Example.COM"), "http://example.com/");
  for (const bad of [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "mailto:a@b.c",
    "//evil.example", "/relative", "relative", "", "http://",
  ]) {
    assert.equal(safeHref(bad), null, bad);
  }
  assert.equal(linkRel, "noopener noreferrer nofollow");
});

test("one to three emoji and nothing else are emoji-only; text, digits or four emoji are not", () => {
  for (const yes of ["👍", " 🎉 ", "👍🏽", "🇫🇷", "👨‍👩‍👧", "❤️", "1️⃣", "👍🎉🔥", "👍 🎉\n🔥"]) assert.equal(isEmojiOnly(yes), true, yes);
  for (const no of ["", "  ", "hi", "hi 👍", "👍!", "1", "#", "*", "👍🎉🔥😀", "♥", "<b>👍</b>", "`👍`x"]) {
    assert.equal(isEmojiOnly(no), false, no);
  }
});
