/** What a day separator says: "Today", "Yesterday", or the date ("Monday, 3 March", with the year when not this year). */
import { dayKey } from "./message-rows";

export function dayLabel(day: string, now: Date, timeZone?: string, locale?: string): string {
  const today = dayKey(now, timeZone);
  if (day === today) return "Today";
  if (day === shiftDay(today, -1)) return "Yesterday";
  const date = utcDate(day);
  if (!date) return day;
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  // The day key is already in the viewer's zone: format the calendar date as is.
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC", weekday: "long", day: "numeric", month: "long", ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
}

/** The same calendar day, for the server pass: "30 November 2026" style, no relative words, no viewer zone. */
export function absoluteDayLabel(day: string, locale?: string): string {
  const date = utcDate(day);
  if (!date) return day;
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(date);
}

function shiftDay(day: string, by: number): string {
  const date = utcDate(day);
  if (!date) return day;
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}

function utcDate(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
