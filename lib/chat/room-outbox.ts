/** Room-level wrappers over outbox.ts, re-exported by room-state.ts. */
import * as outbox from "./outbox";
import type { OutboxEntry } from "./outbox";
import type { RoomState } from "./room-state";

/** The user pressed Enter: the message shows at the end of the timeline at once. */
export function addPending(state: RoomState, clientMsgId: string, body: string, now: number): RoomState {
  return { ...state, outbox: outbox.addEntry(state.outbox, clientMsgId, body, now) };
}

export function markSent(state: RoomState, clientMsgId: string, now: number): RoomState {
  return withOutbox(state, outbox.updateEntry(state.outbox, clientMsgId, (e) => ({ ...e, sentAt: now })));
}

export function markFailed(state: RoomState, clientMsgId: string, reason: string): RoomState {
  return withOutbox(state, outbox.updateEntry(state.outbox, clientMsgId, (e) => ({ ...e, status: "failed", error: reason, timedOut: false })));
}

/** Back to pending with the SAME clientMsgId, so the server dedupes if the first try did land. */
export function retry(state: RoomState, clientMsgId: string): RoomState {
  const reset = (e: OutboxEntry): OutboxEntry => ({ ...e, status: "pending", sentAt: null, error: null, timedOut: false });
  return withOutbox(state, outbox.updateEntry(state.outbox, clientMsgId, reset));
}

export function expireUnacked(state: RoomState, now: number, timeoutMs: number): RoomState {
  return withOutbox(state, outbox.expireUnacked(state.outbox, now, timeoutMs));
}

/** The socket closed: nothing is in flight, and the next subscribe will be a fresh one. */
export function connectionLost(state: RoomState): RoomState {
  const out = outbox.forgetSent(state.outbox);
  return out === state.outbox && !state.subscribing ? state : { ...state, outbox: out, subscribing: false };
}

/** Pending entries to write to the socket now. */
export function unsent(state: RoomState): OutboxEntry[] {
  return outbox.unsentEntries(state.outbox);
}

function withOutbox(state: RoomState, next: outbox.Outbox): RoomState {
  return next === state.outbox ? state : { ...state, outbox: next };
}
