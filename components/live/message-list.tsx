"use client";

import { Fragment, useMemo } from "react";
import { messageRows } from "@/lib/chat/message-rows";
import type { TimelineItem } from "@/lib/chat/timeline";
import { DaySeparator } from "./day-separator";
import { JumpToLatest } from "./jump-to-latest";
import { MessageItem } from "./message-item";
import { NewMessagesDivider } from "./new-messages-divider";
import { useHydrated } from "./use-hydrated";
import { useMessageScroll } from "./use-message-scroll";
import { useSeenMessages } from "./use-seen-messages";

type Props = {
  items: readonly TimelineItem[];
  meId: string;
  /** My username: my mentions are marked more strongly. */
  meName: string;
  olderBefore: number | null;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (clientMsgId: string) => void;
  /** Messages up to this seq were on screen in a visible, focused tab. */
  onSeen: (upTo: number) => void;
  /** The key of the first unread message: the "new messages" divider goes above it. */
  dividerBefore?: string | null;
};

/** The timeline with day separators, author groups (lib/chat/message-rows.ts) and the "new messages" divider; scrolling is use-message-scroll.ts. */
export function MessageList({ items, meId, meName, olderBefore, loadingOlder, onLoadOlder, onRetry, onSeen, dividerBefore }: Props) {
  const hydrated = useHydrated();
  // Days in UTC until hydration (the server cannot know the viewer's zone), then in the viewer's.
  const rows = useMemo(() => messageRows(items, hydrated ? undefined : "UTC"), [items, hydrated]);
  const { scrollerRef, sentinelRef, onScroll, loadOlder, jumpToLatest, away, unseen } = useMessageScroll({ items, meId, olderBefore, loadingOlder, onLoadOlder });
  useSeenMessages(scrollerRef, items, onSeen);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollerRef}
        onScroll={onScroll}
        tabIndex={0}
        aria-label="Messages"
        data-testid="message-scroller"
        className="min-h-0 flex-1 overflow-y-auto py-2 focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500"
      >
        <div ref={sentinelRef} aria-hidden className="h-px" />
        {olderBefore !== null ? (
          <div className="flex justify-center py-2">
            <button
              type="button"
              data-testid="load-older"
              onClick={loadOlder}
              disabled={loadingOlder}
              className="rounded-full border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
            >
              {loadingOlder ? "Loading…" : "Load older messages"}
            </button>
          </div>
        ) : null}
        {items.length === 0 ? <p className="px-4 py-8 text-center text-sm text-slate-400">No messages yet. Say hello!</p> : null}
        <ol data-testid="message-list" aria-live="polite" aria-relevant="additions" className="flex flex-col">
          {rows.map((row) =>
            row.kind === "day" ? (
              <DaySeparator key={row.key} day={row.day} hydrated={hydrated} />
            ) : (
              <Fragment key={row.key}>
                {row.item.key === dividerBefore ? <NewMessagesDivider /> : null}
                <MessageItem item={row.item} mine={row.item.author.id === meId} meName={meName} continued={row.continued} onRetry={onRetry} />
              </Fragment>
            ),
          )}
        </ol>
      </div>
      {away ? <JumpToLatest count={unseen} onJump={jumpToLatest} /> : null}
    </div>
  );
}
