/**
 * The room's log as pure data: messages upserted by id (newest version wins)
 * and ordered by seq, the contiguous cursor (seq-tracker.ts), and my
 * unacknowledged sends (outbox.ts). No effects here: room-reducer.ts decides
 * what to send or fetch after each change.
 */
import type { ChatMessage, ErrorCode, ServerFrame, ServerFrameOf } from "../../protocol/index";
import * as outbox from "./outbox";
import { upsert, type RoomState } from "./room-state";
import { beginReplay, observeSeq, resetTo } from "./seq-tracker";

/** Fold one parsed server frame into the log. Frames for other rooms leave it unchanged (same object). */
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

/** Apply the `?after=` pages of an HTTP catch-up; the cursor becomes the `lastSeq` it was asked for. */
export function finishCatchUp(state: RoomState, messages: readonly ChatMessage[], upTo: number): RoomState {
  const merged = messages.reduce(upsertMessage, state);
  return { ...merged, seqs: resetTo(merged.seqs, upTo), catchUp: null };
}

/** Messages from "load older" (`?before=`, newest first): upsert, order comes from seq. */
export function mergeOlder(state: RoomState, messages: readonly ChatMessage[]): RoomState {
  return messages.reduce(upsertMessage, state);
}

/** The socket closed: nothing is in flight, and the next subscribe will be a fresh one. */
export function connectionLost(state: RoomState): RoomState {
  const out = outbox.forgetSent(state.outbox);
  return out === state.outbox && !state.subscribing ? state : { ...state, outbox: out, subscribing: false };
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
  const out = code === "internal" ? outbox.markUnsent(state.outbox, ref) : outbox.markFailed(state.outbox, ref, message || code);
  return { ...state, outbox: out };
}
