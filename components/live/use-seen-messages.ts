"use client";

import { useEffect, type RefObject } from "react";
import type { TimelineItem } from "@/lib/chat/timeline";

/**
 * Reports the newest stored message actually seen: at least half of it (or
 * half the list's height) inside the scrolling list, while the tab is visible
 * AND focused. Hidden, in the background or scrolled away, nothing is read.
 */
export function useSeenMessages(scroller: RefObject<HTMLElement | null>, items: readonly TimelineItem[], onSeen: (upTo: number) => void) {
  useEffect(() => {
    const root = scroller.current;
    if (!root) return;
    const visible = new Map<Element, number>();
    const report = () => {
      if (visible.size === 0 || document.visibilityState !== "visible" || !document.hasFocus()) return;
      onSeen(Math.max(...visible.values()));
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const seq = Number(entry.target.getAttribute("data-seq"));
          const half = Math.min(entry.boundingClientRect.height, entry.rootBounds?.height ?? Infinity) / 2;
          if (seq > 0 && entry.isIntersecting && entry.intersectionRect.height >= half) visible.set(entry.target, seq);
          else visible.delete(entry.target);
        }
        report();
      },
      { root, threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    for (const el of root.querySelectorAll("[data-seq]")) observer.observe(el);
    window.addEventListener("focus", report);
    document.addEventListener("visibilitychange", report);
    return () => {
      observer.disconnect();
      window.removeEventListener("focus", report);
      document.removeEventListener("visibilitychange", report);
    };
  }, [scroller, items, onSeen]);
}
