"use client";

import { connectionLabel } from "@/lib/chat/room-view";
import type { ConnectionState } from "@/lib/chat/connection";
import { CloseCode } from "@/protocol";

const dotClass: Record<ConnectionState, string> = {
  online: "bg-emerald-500",
  connecting: "bg-amber-400 animate-pulse",
  offline: "bg-rose-500",
};

export function ConnectionStatus({ connection, closedFor }: { connection: ConnectionState; closedFor: number | null }) {
  const signInAgain = closedFor === CloseCode.sessionExpired.code;
  return (
    <div
      data-testid="connection-status"
      data-state={connection}
      role="status"
      aria-live="polite"
      className="flex items-center gap-2 text-xs font-medium text-slate-600"
    >
      <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${dotClass[connection]}`} />
      <span>{connectionLabel(connection, closedFor)}</span>
      {signInAgain ? (
        <a href={signInHref()} data-testid="sign-in-again" className="text-indigo-700 hover:underline">
          Sign in
        </a>
      ) : null}
    </div>
  );
}

/** Back to this room after signing in. Only rendered on the client (the session ends after hydration). */
function signInHref(): string {
  const here = typeof window === "undefined" ? "/" : window.location.pathname;
  return `/signin?callbackUrl=${encodeURIComponent(here)}`;
}
