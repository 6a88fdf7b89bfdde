"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { TimelineItem } from "@/lib/chat/timeline";
import { newestConfirmedSeq, unseenBelow } from "@/lib/chat/unseen-below";

type Options = {
  items: readonly TimelineItem[];
  meId: string;
  olderBefore: number | null;
  loadingOlder: boolean;
  onLoadOlder: () => void;
};

const nearBottomPx = 96;
/** Start fetching the older page this far before the reader reaches the top. */
const preloadPx = 400;

/**
 * The message list's scrolling (what was seen is use-seen-messages.ts):
 * - at the bottom it follows the conversation (and always shows my own new message);
 * - scrolled up it stays put while messages arrive, and counts others' new ones for "jump to latest";
 * - near the top it loads the older page, and keeps what the reader sees in place when it is prepended.
 */
export function useMessageScroll({ items, meId, olderBefore, loadingOlder, onLoadOlder }: Options) {
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  // The content's height below the top of the viewport, as of the last commit or scroll: prepending keeps it.
  const fromBottom = useRef(0);
  // The first item's key when an older page was asked for; null when none was.
  const prependingOnto = useRef<string | undefined | null>(null);
  const lastKey = useRef<string | undefined>(undefined);
  // The newest seq held when the reader left the bottom; null while at the bottom.
  const [leftAt, setLeftAt] = useState<number | null>(null);
  const firstKey = items[0]?.key;
  const last = items.at(-1);

  // Every commit: edits, reactions and hydration change heights too, not only new rows.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const newLast = last?.key !== lastKey.current;
    lastKey.current = last?.key;
    if (prependingOnto.current !== null && prependingOnto.current !== firstKey) {
      el.scrollTop = el.scrollHeight - fromBottom.current;
      prependingOnto.current = null;
    } else if (nearBottom.current || (newLast && last?.author.id === meId && last.status === "pending")) {
      el.scrollTop = el.scrollHeight;
    }
    fromBottom.current = el.scrollHeight - el.scrollTop;
  });

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (el) fromBottom.current = el.scrollHeight - el.scrollTop;
    prependingOnto.current = firstKey;
    onLoadOlder();
  }, [firstKey, onLoadOlder]);

  // A fresh observer after each page, so a reader still at the top gets the next one too.
  useEffect(() => {
    const root = scroller.current;
    const target = topSentinel.current;
    if (!root || !target || olderBefore === null || loadingOlder) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadOlder();
    }, { root, rootMargin: `${preloadPx}px 0px 0px 0px` });
    observer.observe(target);
    return () => observer.disconnect();
  }, [olderBefore, loadingOlder, loadOlder]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    fromBottom.current = el.scrollHeight - el.scrollTop;
    nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < nearBottomPx;
    if (nearBottom.current) setLeftAt(null);
    else setLeftAt((at) => at ?? newestConfirmedSeq(items));
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    el.focus({ preventScroll: true });
  };

  const unseen = leftAt === null ? 0 : unseenBelow(items, leftAt, meId);
  return { scrollerRef: scroller, sentinelRef: topSentinel, onScroll, loadOlder, jumpToLatest, away: leftAt !== null, unseen };
}
