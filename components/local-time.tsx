"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * A timestamp in the viewer's time zone. The server cannot know that zone, so
 * it renders UTC (also what no-JS readers see); after hydration the client
 * snapshot switches to local time without a hydration mismatch.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const onClient = useSyncExternalStore(subscribeNever, () => true, () => false);
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={iso} className={className}>
      {onClient ? formatLocal(date) : formatUtc(date)}
    </time>
  );
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function formatLocal(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
