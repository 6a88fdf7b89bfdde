"use client";

import { useSyncExternalStore } from "react";
import { formatFull, formatLocal, formatUtc } from "@/lib/chat/format-time";

const noSubscription = () => () => {};

/** UTC on the server pass and during hydration (no mismatch), the viewer's local time after. */
export function MessageTime({ iso }: { iso: string }) {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <time
      dateTime={iso}
      data-testid="message-time"
      title={hydrated ? formatFull(iso) : iso}
      className="text-xs text-slate-400"
    >
      {hydrated ? formatLocal(iso) : formatUtc(iso)}
    </time>
  );
}
