/**
 * Everything the browser knows about one room, as plain data. Only the reducer
 * (room-reducer.ts) makes a new one; the driver (room-controller.ts) runs what
 * it asks for. A multi-room client holds one of these per room, over one connection.
 */
import type { ChatMessage, MembershipEnd, UserRef } from "../../protocol/index";
import type { ConnectionState } from "./connection";
import type { Outbox } from "./outbox";
import { hasGap, startTracker, type SeqTracker } from "./seq-tracker";
import { noTyping, type TypingState } from "./typing";

/** What the server pass hands the browser for one room. */
export type RoomInit = {
  room: { id: string; name: string; kind: "public" | "private" | "dm" };
  me: UserRef;
  /** Oldest first. */
  initialMessages: ChatMessage[];
  /** The room's lastSeq, read before the messages, when the page was rendered. */
  initialCursor: number;
  /** For "load older"; null = nothing older. */
  olderBefore: number | null;
};

/**
 * The live room page's props: a room, the sidecar's ws URL, the read marker as
 * the page opened (the "new messages" divider; null: not a member), and whether
 * the viewer owns the room (the owner may delete any message).
 */
export type LiveRoomInit = RoomInit & { socketUrl: string; readSeq?: number | null; canDeleteAny?: boolean };

export type Presence = { readonly online: readonly UserRef[] | null; readonly count: number };

/** Read markers: one per interval at most, the latest always gets out, one made offline goes out on the next subscribe. */
export type ReadMarks = {
  /** The highest seq already passed on: the marker never moves back. */
  readonly passed: number;
  readonly lastWriteAt: number | null;
  /** Waiting for the `read` timer. */
  readonly waiting: number | null;
  /** Found no open socket. */
  readonly unsent: number | null;
};

export type ActionKind = "edit" | "delete" | "react";
/** An edit, delete or react frame written and not yet answered (room-actions.ts). */
export type PendingAction = { readonly kind: ActionKind; readonly messageId: string };

export type RoomState = {
  // The log: messages upserted by id, the contiguous cursor, my unacknowledged sends (room-log.ts).
  readonly roomId: string;
  readonly me: UserRef;
  readonly messages: ReadonlyMap<string, ChatMessage>;
  readonly seqs: SeqTracker;
  readonly outbox: Outbox;
  /** A subscribe is in flight; its reply settles the cursor, so no resync meanwhile. */
  readonly subscribing: boolean;
  /** `subscribed{recovered:false}`: fetch `?after=from` over HTTP, then the cursor becomes `upTo`. */
  readonly catchUp: { readonly from: number; readonly upTo: number } | null;
  /** My edits, deletes and reactions by reqId, until answered. */
  readonly actions: ReadonlyMap<string, PendingAction>;
  // The link: this room on the connection.
  /** Between start and stop; timers are armed only then. */
  readonly running: boolean;
  readonly connection: ConnectionState;
  /** A terminal close code (CloseCode.sessionExpired, CloseCode.abuse): no more reconnecting. */
  readonly closedFor: number | null;
  readonly subscribed: boolean;
  /** The last subscribe got `internal`: the next tick subscribes again. */
  readonly subscribeFailed: boolean;
  /** The `resync` timer runs: a hole gets a grace period before a resubscribe fills it. */
  readonly resyncArmed: boolean;
  // Who else is typing; when I last said I was; my read marker.
  readonly typing: TypingState;
  readonly typingSentAt: number | null;
  readonly reads: ReadMarks;
  // Around the timeline.
  readonly presence: Presence | null;
  readonly roomError: string | null;
  readonly olderBefore: number | null;
  readonly loadingOlder: boolean;
  // Membership (frames `removed`, `renamed`): I am out of the room (no more subscribing), others who left, a new name.
  readonly removed: MembershipEnd | null;
  readonly departed: ReadonlySet<string>;
  readonly name: string | null;
};

export function createRoomState(init: RoomInit): RoomState {
  const messages = init.initialMessages.reduce(upsert, new Map<string, ChatMessage>() as ReadonlyMap<string, ChatMessage>);
  return {
    roomId: init.room.id, me: init.me, messages, seqs: startTracker(init.initialCursor), outbox: [],
    subscribing: false, catchUp: null, actions: new Map(),
    running: false, connection: "connecting", closedFor: null, subscribed: false, subscribeFailed: false, resyncArmed: false,
    typing: noTyping, typingSentAt: null, reads: { passed: 0, lastWriteAt: null, waiting: null, unsent: null },
    presence: null, roomError: null, olderBefore: init.olderBefore, loadingOlder: false,
    removed: null, departed: new Set(), name: null,
  };
}

/** The contiguous cursor: every change up to it has been seen. */
export function cursor(state: RoomState): number {
  return state.seqs.value;
}

/** When a hole in the seqs needs a `subscribe {since}` to fill it; null otherwise. */
export function needsResync(state: RoomState): { since: number } | null {
  if (state.subscribing || state.catchUp || !hasGap(state.seqs)) return null;
  return { since: state.seqs.value };
}

/** The newest message held: what the read marker moves to when the user sees the bottom. */
export function newestSeq(state: RoomState): number {
  let newest = 0;
  for (const m of state.messages.values()) newest = Math.max(newest, m.seq);
  return newest;
}

/** Insert or replace by id; an older version never overwrites a newer one. */
export function upsert(messages: ReadonlyMap<string, ChatMessage>, message: ChatMessage): ReadonlyMap<string, ChatMessage> {
  const existing = messages.get(message.id);
  if (existing && existing.version > message.version) return messages;
  return new Map(messages).set(message.id, message);
}
