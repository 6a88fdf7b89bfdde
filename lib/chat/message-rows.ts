/**
 * The live list's rows: a day separator before the first message of each
 * calendar day, and each message marked `continued` when it follows one by
 * the same author within a few minutes on the same day (its author and
 * avatar are not repeated). Days are counted in `timeZone`: "UTC" on the
 * server pass and during hydration, the viewer's own (undefined) after.
 */
import type { TimelineItem } from "./timeline";

export type MessageRow =
  | { readonly kind: "day"; readonly key: string; readonly day: string }
  | { readonly kind: "message"; readonly key: string; readonly item: TimelineItem; readonly continued: boolean };

/** Consecutive messages of one author this close together form one group. */
const groupWindowMs = 5 * 60_000;

export function messageRows(items: readonly TimelineItem[], timeZone?: string): MessageRow[] {
  const rows: MessageRow[] = [];
  let previous = null as { item: TimelineItem; day: string; at: number } | null;
  for (const item of items) {
    const at = Date.parse(item.createdAt);
    const day = dayKey(at, timeZone);
    if (day !== previous?.day) rows.push({ kind: "day", key: `day:${day}`, day });
    const continued =
      previous !== null && previous.day === day && previous.item.author.id === item.author.id &&
      at - previous.at >= 0 && at - previous.at <= groupWindowMs;
    rows.push({ kind: "message", key: item.key, item, continued });
    previous = { item, day, at };
  }
  return rows;
}

/** "2026-11-30": the calendar day of `at` in `timeZone`. */
export function dayKey(at: number | Date, timeZone?: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return "unknown";
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}
