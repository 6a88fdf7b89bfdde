/**
 * The timeline of one room, as pure data and reducer-style functions: no DOM,
 * no React, no timers. Messages are upserted by id (newest version wins) and
 * ordered by seq; the contiguous cursor lives in seq-tracker.ts; the user's
 * unacknowledged sends in outbox.ts.
 */
import type { ChatMessage, ErrorCode, ServerFrame, ServerFrameOf, UserRef } from "../../protocol/index";
import * as outbox from "./outbox";
import { markFailed } from "./room-outbox";
import { beginReplay, hasGap, observeSeq, resetTo, startTracker, type SeqTracker } from "./seq-tracker";

export type { OutboxEntry } from "./outbox";

export type RoomState = {
  readonly roomId: string;
  readonly me: UserRef;
  readonly messages: ReadonlyMap<string, ChatMessage>;
  readonly seqs: SeqTracker;
  readonly outbox: outbox.Outbox;
  /** A subscribe is in flight; its reply settles the cursor, so no resync meanwhile. */
  readonly subscribing: boolean;
  /** `subscribed{recovered:false}`: fetch `?after=from` over HTTP, then the cursor becomes `upTo`. */
  readonly catchUp: { readonly from: number; readonly upTo: number } | null;
};

export function createRoomState(init: {
  roomId: string;
  me: UserRef;
  messages: readonly ChatMessage[];
  cursor: number;
}): RoomState {
  const messages = init.messages.reduce(upsert, new Map<string, ChatMessage>() as ReadonlyMap<string, ChatMessage>);
  return { roomId: init.roomId, me: init.me, messages, seqs: startTracker(init.cursor), outbox: [], subscribing: false, catchUp: null };
}

/** Fold one parsed server frame into the room. Frames for other rooms leave it unchanged (same object). */
export function applyFrame(state: RoomState, frame: ServerFrame): RoomState {
  switch (frame.type) {
    case "message":
      if (frame.room !== state.roomId) return state;
      return { ...upsertMessage(state, frame.message), seqs: observeSeq(state.seqs, frame.seq) };
    case "subscribed":
      return frame.room === state.roomId ? applySubscribed(state, frame) : state;
    case "ack":
      return frame.room === state.roomId && frame.clientMsgId ? applyAck(state, frame.clientMsgId, frame.id, frame.seq) : state;
    case "error":
      return frame.ref ? applySendError(state, frame.ref, frame.code, frame.message) : state;
    default:
      return state;
  }
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

/** Call when a `subscribe {since: cursor(state)}` goes out. */
export function markSubscribing(state: RoomState): RoomState {
  return { ...state, subscribing: true };
}

/** Apply the `?after=` pages of an HTTP catch-up; the cursor becomes the `lastSeq` it was asked for. */
export function finishCatchUp(state: RoomState, messages: readonly ChatMessage[], upTo: number): RoomState {
  const merged = messages.reduce(upsertMessage, state);
  return { ...merged, seqs: resetTo(merged.seqs, upTo), catchUp: null };
}

/** Messages from "load older" (`?before=`, newest first): upsert, order comes from seq. */
export function mergeOlder(state: RoomState, messages: readonly ChatMessage[]): RoomState {
  return messages.reduce(upsertMessage, state);
}

/** Insert or replace by id; an older version never overwrites a newer one. */
export function upsert(messages: ReadonlyMap<string, ChatMessage>, message: ChatMessage): ReadonlyMap<string, ChatMessage> {
  const existing = messages.get(message.id);
  if (existing && existing.version > message.version) return messages;
  return new Map(messages).set(message.id, message);
}

/** Upsert, and if it is one of my outbox entries coming back, it stops being pending. */
function upsertMessage(state: RoomState, message: ChatMessage): RoomState {
  const mine = message.author.id === state.me.id;
  const out = mine ? outbox.removeEntry(state.outbox, message.clientMsgId) : state.outbox;
  return { ...state, messages: upsert(state.messages, message), outbox: out };
}

function applySubscribed(state: RoomState, frame: ServerFrameOf<"subscribed">): RoomState {
  if (frame.recovered) return { ...state, subscribing: false, catchUp: null, seqs: beginReplay(state.seqs, frame.lastSeq) };
  const from = Math.min(state.seqs.value, frame.lastSeq);
  return { ...state, subscribing: false, catchUp: { from, upTo: frame.lastSeq } };
}

/** The ack can beat the message frame: show the message as sent at once, built from what we sent. */
function applyAck(state: RoomState, clientMsgId: string, id: string, seq: number): RoomState {
  const entry = outbox.findEntry(state.outbox, clientMsgId);
  if (!entry) return state;
  const rest = { ...state, outbox: outbox.removeEntry(state.outbox, clientMsgId) };
  if (state.messages.has(id)) return rest;
  const placeholder: ChatMessage = {
    id, seq, version: seq, author: state.me, body: entry.body, createdAt: new Date(entry.createdAt).toISOString(),
    editedAt: null, deleted: false, clientMsgId, reactions: {},
  };
  // Equal version: the real frame, when it comes, replaces this (its createdAt is the server's).
  return { ...rest, messages: upsert(rest.messages, placeholder) };
}

/** `internal` may succeed next time, so the entry is sent again; any other refusal is final until a retry. */
function applySendError(state: RoomState, ref: string, code: ErrorCode, message: string): RoomState {
  const entry = outbox.findEntry(state.outbox, ref);
  if (!entry || entry.status !== "pending") return state;
  if (code === "internal") return { ...state, outbox: outbox.updateEntry(state.outbox, ref, (e) => ({ ...e, sentAt: null })) };
  return markFailed(state, ref, message || code);
}

export { addPending, markFailed, markSent, retry, expireUnacked, connectionLost, unsent } from "./room-outbox";
export { timeline, type TimelineItem, type SendStatus } from "./timeline";
