"use client";

import type { Presence } from "@/lib/chat/room-state";

/** Who is in the room now. Above the server's limit only a count arrives. */
export function PresenceList({ presence, meId }: { presence: Presence | null; meId: string }) {
  return (
    <div data-testid="presence-list" aria-label="Online in this room" className="flex min-w-0 items-center gap-2 text-xs text-slate-600">
      {presence ? (
        <span data-testid="presence-count" className="shrink-0 font-medium">
          {presence.count} online
        </span>
      ) : null}
      {presence?.online ? (
        <ul className="flex min-w-0 flex-wrap gap-1">
          {presence.online.map((user) => (
            <li
              key={user.id}
              data-testid="presence-user"
              className={`rounded-full px-2 py-0.5 ${user.id === meId ? "bg-indigo-100 text-indigo-800" : "bg-slate-200 text-slate-700"}`}
            >
              {user.username}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
