"use client";

import { useState } from "react";
import { useHydrated } from "../live/use-hydrated";

type Permission = NotificationPermission | "unsupported";

function currentPermission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks for the notification permission, only when pressed (never on load); gone once answered. */
export function EnableNotifications() {
  const hydrated = useHydrated();
  const [answered, setAnswered] = useState<Permission | null>(null);
  const permission = hydrated ? (answered ?? currentPermission()) : "unsupported";
  if (permission !== "default") return null;
  return (
    <button
      type="button"
      data-testid="enable-notifications"
      onClick={() => void Notification.requestPermission().then(setAnswered, () => setAnswered(currentPermission()))}
      className="mt-4 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100"
    >
      Enable notifications
    </button>
  );
}
