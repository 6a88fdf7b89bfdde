/** What the app shell shows: each room with its unread count and mention badge, and the total unread. */
import { mentionsOf, totalUnread, unreadOf, type SidebarRoom, type UnreadState } from "./unread";

export type ShellRoom = SidebarRoom & { readonly count: number; readonly mentionCount: number };
export type ShellView = { readonly rooms: readonly ShellRoom[]; readonly total: number };

export function viewOf(state: UnreadState): ShellView {
  const rooms = [...state.rooms.values()].map((r) => ({ ...r.room, count: unreadOf(r), mentionCount: mentionsOf(r) }));
  return { rooms, total: totalUnread(state) };
}

export function sameView(a: ShellView, b: ShellView): boolean {
  return a.total === b.total && a.rooms.length === b.rooms.length && a.rooms.every((r, i) => sameRoom(r, b.rooms[i]!));
}

function sameRoom(a: ShellRoom, b: ShellRoom): boolean {
  return a.id === b.id && a.count === b.count && a.mentionCount === b.mentionCount && a.name === b.name;
}
