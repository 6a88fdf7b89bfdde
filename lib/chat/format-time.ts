/**
 * Message timestamps. The server pass cannot know the viewer's time zone, so it
 * renders a fixed UTC form; after hydration the client shows local time.
 */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "14:05" for today, "3 Jan, 14:05" otherwise, in `timeZone` (default: the viewer's). */
export function formatLocal(iso: string, now: Date = new Date(), timeZone?: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const sameDay = day.format(date) === day.format(now);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeZone, hour: "2-digit", minute: "2-digit" }
    : { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Full date and time for the tooltip. */
export function formatFull(iso: string, timeZone?: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "full", timeStyle: "medium" }).format(date);
}
