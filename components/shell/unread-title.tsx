"use client";

import { useEffect } from "react";

const prefix = /^\(\d+\) /;

/** The tab title starts with the total unread, "(3) Chat", kept when a navigation sets a new title. */
export function UnreadTitle({ total }: { total: number }) {
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(prefix, "");
      const next = total > 0 ? `(${total}) ${base}` : base;
      if (document.title !== next) document.title = next;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(prefix, "");
    };
  }, [total]);
  return null;
}
