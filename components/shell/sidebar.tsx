import Link from "next/link";
import type { ShellRoom } from "@/lib/chat/shell-view";

type Props = { rooms: readonly ShellRoom[]; pathname: string };

/** The user's rooms, then DMs, each with its unread count and mention badge; the open room is marked (aria-current). Plain links. */
export function Sidebar({ rooms, pathname }: Props) {
  const groups = [
    { title: "Rooms", rooms: rooms.filter((r) => r.kind !== "dm") },
    { title: "Direct messages", rooms: rooms.filter((r) => r.kind === "dm") },
  ];
  return (
    <nav aria-label="Rooms and direct messages" className="space-y-4 text-sm">
      <Link href="/rooms" data-testid="sidebar-directory" className="block font-medium text-indigo-700 hover:underline">
        Browse public rooms
      </Link>
      {groups.map((group) => (
        <section key={group.title}>
          <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{group.title}</h2>
          {group.rooms.length === 0 ? <p className="text-slate-400">None yet.</p> : null}
          <ul className="space-y-0.5">
            {group.rooms.map((room) => {
              const current = pathname === `/rooms/${room.id}`;
              return (
                <li key={room.id}>
                  <Link
                    href={`/rooms/${room.id}`}
                    data-testid="sidebar-room"
                    data-room-id={room.id}
                    aria-current={current ? "page" : undefined}
                    className={`flex items-center justify-between gap-2 rounded-md px-2 py-1.5 ${
                      current ? "bg-indigo-100 font-semibold text-indigo-900" : "text-slate-700 hover:bg-slate-100"
                    }`}
                  >
                    <span className="truncate">{room.name}</span>
                    {room.mentionCount > 0 ? (
                      <span
                        data-testid="sidebar-mentions"
                        aria-label={`${room.mentionCount} ${room.mentionCount === 1 ? "mention" : "mentions"}`}
                        className="ml-auto rounded-full bg-rose-700 px-2 py-0.5 text-xs font-semibold text-white"
                      >
                        @{room.mentionCount > 99 ? "99+" : room.mentionCount}
                      </span>
                    ) : null}
                    {room.count > 0 ? (
                      <span
                        data-testid="sidebar-unread"
                        aria-label={`${room.count} unread`}
                        className="rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white"
                      >
                        {room.count > 99 ? "99+" : room.count}
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
