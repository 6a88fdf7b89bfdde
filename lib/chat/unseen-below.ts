/**
 * How many messages arrived below while the reader was scrolled up: others'
 * confirmed messages with a seq above the newest one held when the reader
 * left the bottom. My own sends never count (sending scrolls me down anyway).
 */
import type { TimelineItem } from "./timeline";

export function newestConfirmedSeq(items: readonly TimelineItem[]): number {
  let newest = 0;
  for (const item of items) if (item.seq !== null && item.seq > newest) newest = item.seq;
  return newest;
}

export function unseenBelow(items: readonly TimelineItem[], sinceSeq: number, meId: string): number {
  let count = 0;
  for (const item of items) if (item.seq !== null && item.seq > sinceSeq && item.author.id !== meId && !item.deleted) count++;
  return count;
}
