"use client";

/**
 * Browser notifications for a mention or a DM message (which ones:
 * lib/chat/mention-notices.ts) while the tab is hidden, once permission was
 * given (enable-notifications.tsx asks, after a click). Clicking one focuses
 * the window and opens the room, client-side. Used once, by ChatShell.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ShellController } from "@/lib/chat/shell-controller";

export function useMentionNotifications(shell: ShellController): void {
  const router = useRouter();
  useEffect(() => shell.notices.onNotice((notice) => {
    if (document.visibilityState === "visible") return;
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
    const shown = new Notification(notice.title, { body: notice.body, tag: notice.id });
    shown.onclick = () => {
      window.focus();
      router.push(`/rooms/${notice.room}`);
      shown.close();
    };
  }), [shell, router]);
}
