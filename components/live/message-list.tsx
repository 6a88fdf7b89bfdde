"use client";

import { Fragment, useEffect, useLayoutEffect, useRef } from "react";
import type { TimelineItem } from "@/lib/chat/timeline";
import { MessageItem } from "./message-item";
import { NewMessagesDivider } from "./new-messages-divider";
import { useSeenMessages } from "./use-seen-messages";

type Props = {
  items: readonly TimelineItem[];
  meId: string;
  olderBefore: number | null;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (clientMsgId: string) => void;
  /** Messages up to this seq were on screen in a visible, focused tab. */
  onSeen: (upTo: number) => void;
  /** The key of the first unread message: the "new messages" divider goes above it. */
  dividerBefore?: string | null;
};

const nearBottomPx = 96;

export function MessageList({ items, meId, olderBefore, loadingOlder, onLoadOlder, onRetry, onSeen, dividerBefore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  // Distance from the bottom when "load older" was clicked, so the prepended page does not move what the reader sees.
  const anchor = useRef<{ fromBottom: number; firstKey: string | undefined } | null>(null);
  const firstKey = items[0]?.key;
  const last = items.at(-1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current && anchor.current.firstKey !== firstKey) {
      el.scrollTop = el.scrollHeight - anchor.current.fromBottom;
      anchor.current = null;
    } else if (nearBottom.current || (last?.author.id === meId && last.status === "pending")) {
      el.scrollTop = el.scrollHeight; // follow the conversation, and always show my own new message
    }
  }, [firstKey, last?.key, last?.author.id, last?.status, meId]);

  useSeenMessages(scroller, items, onSeen);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < nearBottomPx;
  };

  const loadOlder = () => {
    const el = scroller.current;
    if (el) anchor.current = { fromBottom: el.scrollHeight - el.scrollTop, firstKey };
    onLoadOlder();
  };

  return (
    <div ref={scroller} onScroll={onScroll} className="flex-1 overflow-y-auto py-2">
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
        {items.map((item) => (
          <Fragment key={item.key}>
            {item.key === dividerBefore ? <NewMessagesDivider /> : null}
            <MessageItem item={item} mine={item.author.id === meId} onRetry={onRetry} />
          </Fragment>
        ))}
      </ol>
    </div>
  );
}
