import { test } from "node:test";
import assert from "node:assert/strict";
import { formatLocal, formatUtc } from "./format-time";

test("the server pass renders a deterministic UTC form", () => {
  assert.equal(formatUtc("2024-03-05T23:30:00.000Z"), "2024-03-05 23:30 UTC");
  assert.equal(formatUtc("not a date"), "");
});

test("local time follows the viewer's zone, with the date only when not today", () => {
  const now = new Date("2024-03-06T12:00:00.000Z");
  // 23:30 UTC on the 5th is 00:30 on the 6th in Berlin: same day as `now` there.
  assert.equal(formatLocal("2024-03-05T23:30:00.000Z", now, "Europe/Berlin", "en-GB"), "00:30");
  assert.equal(formatLocal("2024-03-05T23:30:00.000Z", now, "America/New_York", "en-GB"), "5 Mar, 18:30");
});
