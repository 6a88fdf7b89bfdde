/**
 * Unread counts of the user's rooms, as the contract counts them: messages by
 * others, not deleted, with seq above the read marker. Pure: a snapshot from
 * the server (GET /api/me/rooms: each room's count, lastSeq and marker read
 * in one statement) plus what the socket said since. A change at or below the
 * snapshot's lastSeq is already in its count, except a later delete, which
 * takes its message out; a newer message is counted by id, so a replay or a
 * second copy never counts twice. The driver is shell-controller.ts.
 */
import type { RoomKind, ServerFrameOf } from "../../protocol/index";

/** One room of the sidebar as the server reports it. Room for a `mentions` count later. */
export type SidebarRoom = { id: string; name: string; kind: RoomKind; unread: number; lastSeq: number; readSeq: number };

export type RoomUnread = {
  readonly room: SidebarRoom;
  /** The read marker: the highest of the snapshot's and every `read` heard since; never moves back. */
  readonly readSeq: number;
  /** The highest change seen: a resubscribe asks `since` it. */
  readonly seen: number;
  /** Messages of the snapshot's count deleted since. */
  readonly gone: ReadonlySet<string>;
  /** Unread messages newer than the snapshot: id -> seq. */
  readonly live: ReadonlyMap<string, number>;
};

export type UnreadState = { readonly me: string; readonly rooms: ReadonlyMap<string, RoomUnread> };

export function unreadOf(r: RoomUnread): number {
  return Math.max(0, r.room.unread - r.gone.size) + r.live.size;
}

export function totalUnread(state: UnreadState): number {
  let total = 0;
  for (const r of state.rooms.values()) total += unreadOf(r);
  return total;
}

/** A fresh snapshot; live messages newer than it, and a higher marker heard meanwhile, are kept. */
export function withSnapshot(prev: UnreadState | null, me: string, rooms: readonly SidebarRoom[]): UnreadState {
  const next = new Map<string, RoomUnread>();
  for (const room of rooms) {
    const old = prev?.rooms.get(room.id);
    const readSeq = Math.max(room.readSeq, old?.readSeq ?? 0);
    const live = new Map([...(old?.live ?? [])].filter(([, seq]) => seq > room.lastSeq && seq > readSeq));
    const snapshot = readSeq >= room.lastSeq ? { ...room, unread: 0 } : room;
    next.set(room.id, { room: snapshot, readSeq, seen: Math.max(room.lastSeq, old?.seen ?? 0), gone: new Set(), live });
  }
  return { me, rooms: next };
}

/** A change of one of the rooms (a live frame or a replayed one). */
export function withMessage(state: UnreadState, frame: ServerFrameOf<"message">): UnreadState {
  const r = state.rooms.get(frame.room);
  if (!r) return state;
  const seen = Math.max(r.seen, frame.seq);
  if (frame.seq <= r.room.lastSeq) return seen === r.seen ? state : put(state, { ...r, seen });
  const m = frame.message;
  const counts = m.author.id !== state.me && !m.deleted && m.seq > r.readSeq;
  if (m.seq > r.room.lastSeq) {
    const live = new Map(r.live);
    if (counts) live.set(m.id, m.seq);
    else live.delete(m.id);
    return put(state, { ...r, seen, live });
  }
  if (m.deleted && m.author.id !== state.me && m.seq > r.readSeq && !r.gone.has(m.id)) {
    return put(state, { ...r, seen, gone: new Set(r.gone).add(m.id) });
  }
  return put(state, { ...r, seen });
}

/**
 * The marker of a room moved (this tab, or `read` from another). `exact`
 * false: it stopped inside the snapshot, whose count cannot be split here, so
 * the caller fetches a new snapshot.
 */
export function withRead(state: UnreadState, roomId: string, seq: number): { state: UnreadState; exact: boolean } {
  const r = state.rooms.get(roomId);
  if (!r || seq <= r.readSeq) return { state, exact: true };
  const live = new Map([...r.live].filter(([, at]) => at > seq));
  const past = seq >= r.room.lastSeq;
  const room = past ? { ...r.room, unread: 0 } : r.room;
  return { state: put(state, { ...r, room, readSeq: seq, live, gone: past ? new Set() : r.gone }), exact: past || r.room.unread === 0 };
}

function put(state: UnreadState, r: RoomUnread): UnreadState {
  return { ...state, rooms: new Map(state.rooms).set(r.room.id, r) };
}
