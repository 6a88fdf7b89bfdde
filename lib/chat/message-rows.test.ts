import { test } from "node:test";
import assert from "node:assert/strict";
import { absoluteDayLabel, dayLabel } from "./day-label";
import { dayKey, messageRows, type MessageRow } from "./message-rows";
import type { TimelineItem } from "./timeline";
import { newestConfirmedSeq, unseenBelow } from "./unseen-below";

function item(seq: number | null, authorId: string, createdAt: string, extra: Partial<TimelineItem> = {}): TimelineItem {
  return {
    key: `k${seq ?? createdAt}`, status: seq === null ? "pending" : "sent", id: seq === null ? null : `id${seq}`, seq,
    author: { id: authorId, username: authorId }, body: "x", createdAt, edited: false, deleted: false, reactions: {},
    clientMsgId: `c${seq}`, error: null, ...extra,
  };
}

const shape = (rows: MessageRow[]) => rows.map((r) => (r.kind === "day" ? r.day : `${r.item.seq}${r.continued ? "+" : ""}`));

test("one author's messages within five minutes form a group; another author, a gap or a new day starts one", () => {
  const rows = messageRows([
    item(1, "ann", "2026-11-29T10:00:00Z"),
    item(2, "ann", "2026-11-29T10:04:59Z"), // within 5 min of the previous one
    item(3, "ann", "2026-11-29T10:09:00Z"), // 4 min after #2: still grouped, the window runs from the previous message
    item(4, "bob", "2026-11-29T10:09:30Z"),
    item(5, "ann", "2026-11-29T10:10:00Z"),
    item(6, "ann", "2026-11-29T10:20:00Z"), // 10 min gap
    item(7, "ann", "2026-11-29T23:59:00Z"),
    item(8, "ann", "2026-11-30T00:01:00Z"), // two minutes later, but a new day
  ], "UTC");
  assert.deepEqual(shape(rows), ["2026-11-29", "1", "2+", "3+", "4", "5", "6", "7", "2026-11-30", "8"]);
  assert.equal(new Set(rows.map((r) => r.key)).size, rows.length, "keys are unique");
});

test("days follow the time zone: the same messages split differently in New York and in UTC", () => {
  const items = [item(1, "ann", "2026-11-30T03:00:00Z"), item(2, "bob", "2026-11-30T06:00:00Z")];
  assert.deepEqual(shape(messageRows(items, "UTC")), ["2026-11-30", "1", "2"]);
  assert.deepEqual(shape(messageRows(items, "America/New_York")), ["2026-11-29", "1", "2026-11-30", "2"]);
  assert.equal(dayKey(Number.NaN), "unknown");
});

test("my pending send (created a moment ago by my clock) joins my group", () => {
  const rows = messageRows([item(1, "me", "2026-11-30T10:00:00Z"), item(null, "me", "2026-11-30T10:01:00Z")], "UTC");
  assert.deepEqual(shape(rows), ["2026-11-30", "1", "null+"]);
  assert.deepEqual(messageRows([]), []);
});

test("day labels: Today, Yesterday, a weekday and date, the year only when not this year", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  assert.equal(dayLabel("2026-11-30", now, "UTC", "en-GB"), "Today");
  assert.equal(dayLabel("2026-11-29", now, "UTC", "en-GB"), "Yesterday");
  assert.equal(dayLabel("2026-11-03", now, "UTC", "en-GB"), "Tuesday 3 November");
  assert.equal(dayLabel("2025-12-31", now, "UTC", "en-GB"), "Wednesday, 31 December 2025");
  // Across a month and a year boundary.
  assert.equal(dayLabel("2025-12-31", new Date("2026-01-01T09:00:00Z"), "UTC", "en-GB"), "Yesterday");
  // "Today" is the viewer's today: 02:00 UTC on the 30th is still the 29th in New York.
  assert.equal(dayLabel("2026-11-29", new Date("2026-11-30T02:00:00Z"), "America/New_York", "en-GB"), "Today");
  assert.equal(absoluteDayLabel("2026-11-30", "en-GB"), "Monday, 30 November 2026");
  assert.equal(absoluteDayLabel("unknown"), "unknown");
});

test("new below: others' confirmed messages after the seq I left at; not mine, not pending, not deleted", () => {
  const items = [
    item(1, "ann", "2026-11-30T10:00:00Z"),
    item(2, "me", "2026-11-30T10:00:00Z"),
    item(3, "bob", "2026-11-30T10:00:00Z"),
    item(4, "me", "2026-11-30T10:00:00Z"),
    item(5, "ann", "2026-11-30T10:00:00Z", { deleted: true }),
    item(6, "ann", "2026-11-30T10:00:00Z"),
    item(null, "me", "2026-11-30T10:00:00Z"),
  ];
  assert.equal(newestConfirmedSeq(items), 6);
  assert.equal(newestConfirmedSeq([]), 0);
  assert.equal(unseenBelow(items, 1, "me"), 2);
  assert.equal(unseenBelow(items, 6, "me"), 0);
});
