"use client";

import { absoluteDayLabel, dayLabel } from "@/lib/chat/day-label";

/**
 * A calendar day's heading in the message list. The server pass (and
 * hydration) says the UTC date in full; after hydration it says "Today",
 * "Yesterday" or the date, in the viewer's zone and language.
 */
export function DaySeparator({ day, hydrated }: { day: string; hydrated: boolean }) {
  const label = hydrated ? dayLabel(day, new Date()) : absoluteDayLabel(day, "en-GB");
  return (
    <li data-testid="day-separator" data-day={day} className="flex items-center gap-3 px-4 pb-1 pt-3" aria-label={label}>
      <span aria-hidden className="h-px flex-1 bg-slate-200" />
      <span className="text-xs font-semibold text-slate-500">{label}</span>
      <span aria-hidden className="h-px flex-1 bg-slate-200" />
    </li>
  );
}
