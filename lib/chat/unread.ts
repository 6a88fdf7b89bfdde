/**
 * Unread counts of the user's rooms, as the contract counts them: messages by
 * others, not deleted, with seq above the read marker. Pure: a snapshot from
 * the server (GET /api/me/rooms: each room's count, lastSeq and marker read
 * in one statement) plus what the socket said since. A change at or below the
 * snapshot's lastSeq is already in its count, except a later delete, which
 * takes its message out; a newer message is counted by id, so a replay or a
 * second copy never counts twice. The driver is shell-controller.ts.
 *
 * Mentions are counted the same way, among the unread: the snapshot's
 * `mentions` plus the live unread messages whose body mentions the user
 * (lib/mentions/mentions.ts, the rule the server's SQL follows). An edit or
 * delete of a message inside the snapshot may change its count in a way only
 * the server knows: `mentionsMayChange` says when to fetch a new snapshot.
 */
import type { RoomKind, ServerFrameOf } from "../../protocol/index";
import { mentionsUser } from "../mentions/mentions";

/** One room of the sidebar as the server reports it. */
export type SidebarRoom = { id: string; name: string; kind: RoomKind; unread: number; mentions: number; lastSeq: number; readSeq: number };

/** Whose counts they are. */
export type Viewer = { readonly id: string; readonly username: string };

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
  /** Those of `live` that mention the user. */
  readonly liveMentions: ReadonlySet<string>;
};

export type UnreadState = { readonly me: string; readonly username: string; readonly rooms: ReadonlyMap<string, RoomUnread> };

export function unreadOf(r: RoomUnread): number {
  return Math.max(0, r.room.unread - r.gone.size) + r.live.size;
}

export function mentionsOf(r: RoomUnread): number {
  return r.room.mentions + r.liveMentions.size;
}

export function totalUnread(state: UnreadState): number {
  let total = 0;
  for (const r of state.rooms.values()) total += unreadOf(r);
  return total;
}

/** A fresh snapshot; live messages newer than it, and a higher marker heard meanwhile, are kept. */
export function withSnapshot(prev: UnreadState | null, viewer: Viewer, rooms: readonly SidebarRoom[]): UnreadState {
  const next = new Map<string, RoomUnread>();
  for (const room of rooms) {
    const old = prev?.rooms.get(room.id);
    const readSeq = Math.max(room.readSeq, old?.readSeq ?? 0);
    const live = new Map([...(old?.live ?? [])].filter(([, seq]) => seq > room.lastSeq && seq > readSeq));
    const liveMentions = new Set([...(old?.liveMentions ?? [])].filter((id) => live.has(id)));
    const snapshot = readSeq >= room.lastSeq ? { ...room, unread: 0, mentions: 0 } : room;
    next.set(room.id, { room: snapshot, readSeq, seen: Math.max(room.lastSeq, old?.seen ?? 0), gone: new Set(), live, liveMentions });
  }
  return { me: viewer.id, username: viewer.username, rooms: next };
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
    const liveMentions = new Set(r.liveMentions);
    if (counts) live.set(m.id, m.seq);
    else live.delete(m.id);
    if (counts && mentionsUser(m.body, state.username)) liveMentions.add(m.id);
    else liveMentions.delete(m.id);
    return put(state, { ...r, seen, live, liveMentions });
  }
  if (m.deleted && m.author.id !== state.me && m.seq > r.readSeq && !r.gone.has(m.id)) {
    return put(state, { ...r, seen, gone: new Set(r.gone).add(m.id) });
  }
  return put(state, { ...r, seen });
}

/**
 * Whether a change may move the mention count in a way the snapshot hides: an
 * edit or delete, after the snapshot, of an unread message by someone else
 * inside it, when the snapshot counted mentions or the new body is one.
 */
export function mentionsMayChange(state: UnreadState, frame: ServerFrameOf<"message">): boolean {
  const r = state.rooms.get(frame.room);
  const m = frame.message;
  if (!r || frame.seq <= r.room.lastSeq || m.seq > r.room.lastSeq) return false;
  if (m.author.id === state.me || m.seq <= r.readSeq) return false;
  return r.room.mentions > 0 || (!m.deleted && mentionsUser(m.body, state.username));
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
  const liveMentions = new Set([...r.liveMentions].filter((id) => live.has(id)));
  const past = seq >= r.room.lastSeq;
  const room = past ? { ...r.room, unread: 0, mentions: 0 } : r.room;
  const next = { ...r, room, readSeq: seq, live, liveMentions, gone: past ? new Set<string>() : r.gone };
  return { state: put(state, next), exact: past || r.room.unread === 0 };
}

function put(state: UnreadState, r: RoomUnread): UnreadState {
  return { ...state, rooms: new Map(state.rooms).set(r.room.id, r) };
}
