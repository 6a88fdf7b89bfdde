import Link from "next/link";
import type { RoomSummary } from "@/protocol";
import { KindBadge } from "./kind-badge";

type Props = { rooms: RoomSummary[]; testId?: string; emptyText?: string };

/** Rooms the user can open, with kind and unread count. */
export function RoomList({ rooms, testId = "room-list", emptyText = "No rooms yet. Create the first one." }: Props) {
  if (rooms.length === 0) {
    return (
      <p data-testid={testId} className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-500">
        {emptyText}
      </p>
    );
  }
  return (
    <ul data-testid={testId} className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white">
      {rooms.map((room) => (
        <li key={room.id}>
          <Link
            href={`/rooms/${room.id}`}
            data-testid="room-link"
            className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-slate-50"
          >
            <span className="flex min-w-0 items-center gap-2">
              <span className="truncate font-medium">{room.name}</span>
              <KindBadge kind={room.kind} />
            </span>
            {room.unread > 0 ? (
              <span
                data-testid="unread-count"
                aria-label={`${room.unread} unread`}
                className="rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white"
              >
                {room.unread > 99 ? "99+" : room.unread}
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
