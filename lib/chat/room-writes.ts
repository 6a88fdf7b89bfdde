/**
 * What one room writes to the connection, and when: its subscribe (with the
 * pending read marker), the outbox once subscribed, typing at most once per
 * interval, read markers throttled so the latest always gets out.
 */
import { defaultLimits, type ClientFrame } from "../../protocol/index";
import * as outbox from "./outbox";
import { actionWriteFailed } from "./room-actions";
import { arm, stay, type RoomEffect, type Step } from "./room-events";
import { cursor, newestSeq, type ReadMarks, type RoomState } from "./room-state";

/** The server drops extra typing frames anyway; this keeps them off the wire. */
const typingIntervalMs = defaultLimits.typingIntervalMs;
const readIntervalMs = 1000;

const write = (frame: ClientFrame): RoomEffect => ({ type: "write", frame });

/** Subscribe from the cursor; a read marker that found no socket goes out right after. */
export function rejoin(state: RoomState): Step {
  if (state.removed) return stay(state); // out of the room: the server would answer not_found
  const effects = [write({ type: "subscribe", room: state.roomId, since: cursor(state) })];
  const unsent = state.reads.unsent;
  if (unsent !== null) effects.push(write({ type: "read", room: state.roomId, seq: unsent }));
  return stay({ ...state, subscribing: true, reads: { ...state.reads, unsent: null } }, ...effects);
}

/** Resubscribes the room asks for itself (a hole, a refused subscribe, a failed catch-up) need a live connection. */
export function rejoinIfOnline(state: RoomState): Step {
  return state.connection === "online" ? rejoin(state) : stay(state);
}

/** Write every unsent outbox entry, once the room's subscription is confirmed. */
export function flushOutbox(state: RoomState, now: number): Step {
  if (!state.subscribed) return stay(state);
  const entries = outbox.unsentEntries(state.outbox);
  if (entries.length === 0) return stay(state);
  const frames = entries.map((e) => write({ type: "send", room: state.roomId, clientMsgId: e.clientMsgId, body: e.body }));
  const out = entries.reduce((o, e) => outbox.markSent(o, e.clientMsgId, now), state.outbox);
  return stay({ ...state, outbox: out }, ...frames);
}

/** The user typed: tell the room, at most once per interval. */
export function typingNow(state: RoomState, now: number): Step {
  if (state.connection !== "online") return stay(state);
  if (state.typingSentAt !== null && now - state.typingSentAt < typingIntervalMs) return stay(state);
  return stay({ ...state, typingSentAt: now }, write({ type: "typing", room: state.roomId }));
}

/** The newest messages are on screen: move the read marker to the newest seq held. */
export function markSeen(state: RoomState, now: number, upTo = Infinity): Step {
  const seq = Math.min(newestSeq(state), upTo);
  if (seq <= state.reads.passed) return stay(state);
  const { waiting, lastWriteAt } = state.reads;
  const passed = withReads(state, { passed: seq });
  if (waiting !== null) return stay(withReads(passed, { waiting: seq }));
  const wait = (lastWriteAt ?? -Infinity) + readIntervalMs - now;
  if (wait <= 0) return writeRead(passed, seq, now);
  if (!state.running) return stay(withReads(passed, { unsent: seq })); // no timers after stop: the next subscribe takes it
  return stay(withReads(passed, { waiting: seq }), ...arm(state, "read", wait));
}

/** The `read` timer: the latest marker that waited goes out. */
export function flushRead(state: RoomState, now: number): Step {
  const seq = state.reads.waiting;
  if (seq === null) return stay(state);
  return writeRead(withReads(state, { waiting: null }), seq, now);
}

/** The connection could not write after all: the entry is sent again, the marker on the next subscribe. */
export function writeFailed(state: RoomState, frame: ClientFrame): Step {
  if (frame.type === "send") return stay({ ...state, outbox: outbox.markUnsent(state.outbox, frame.clientMsgId) });
  if (frame.type === "read") return stay(withReads(state, { unsent: Math.max(frame.seq, state.reads.unsent ?? 0) }));
  return stay(actionWriteFailed(state, frame) ?? state);
}

function writeRead(state: RoomState, seq: number, now: number): Step {
  if (state.connection !== "online") {
    return stay(withReads(state, { lastWriteAt: now, unsent: Math.max(seq, state.reads.unsent ?? 0) }));
  }
  return stay(withReads(state, { lastWriteAt: now, unsent: null }), write({ type: "read", room: state.roomId, seq }));
}

function withReads(state: RoomState, patch: Partial<ReadMarks>): RoomState {
  return { ...state, reads: { ...state.reads, ...patch } };
}
