/** How one server frame moves a room: the log first (room-log.ts), then what the room does about it. */
import type { ServerFrame, ServerFrameOf } from "../../protocol/index";
import { actionAnswered, settleAction } from "./room-actions";
import { applyFrame } from "./room-log";
import { arm, stay, then, type Step } from "./room-events";
import { needsResync, type RoomState } from "./room-state";
import { describeRoomError } from "./room-view";
import { flushOutbox } from "./room-writes";
import { noTyping, noteTyping, stopTyping } from "./typing";

/** Frames from other sidecars may be a moment out of order: wait this long before asking for a hole to be filled. */
const resyncGraceMs = 800;

export function onFrame(state: RoomState, frame: ServerFrame, now: number): Step {
  // Decide before applying: applying an ack or error may take the entry out of the outbox.
  const aboutMySend = frame.type === "error" && frame.ref !== undefined && state.outbox.some((e) => e.clientMsgId === frame.ref);
  // An answer to my edit, delete or react settles it; its refusal is that action's banner, not the generic one.
  const action = actionAnswered(state, frame);
  const applied = applyFrame(state, frame);
  const settled = action ? settleAction(applied, frame, action) : applied;
  return then(react(settled, frame, aboutMySend || action !== null, now), scheduleResync);
}

/** A hole that is still there after the grace period is filled by resubscribing (room-reducer.ts, `resync` timer). */
export function scheduleResync(state: RoomState): Step {
  if (!state.running || state.resyncArmed || !needsResync(state)) return stay(state);
  return stay({ ...state, resyncArmed: true }, ...arm(state, "resync", resyncGraceMs));
}

function react(state: RoomState, frame: ServerFrame, aboutMySend: boolean, now: number): Step {
  const here = "room" in frame && frame.room === state.roomId;
  switch (frame.type) {
    case "subscribed":
      return here ? onSubscribed(state, now) : stay(state);
    case "message":
      return stay(here ? { ...state, typing: stopTyping(state.typing, frame.message.author.id) } : state);
    case "typing":
      return stay(here && frame.user.id !== state.me.id ? { ...state, typing: noteTyping(state.typing, frame.user, now) } : state);
    case "presence":
      return stay(here ? { ...state, presence: { online: frame.online ?? null, count: frame.count } } : state);
    case "error":
      return stay(aboutMySend ? state : onError(state, frame));
    case "removed":
      return stay(here ? onRemoved(state, frame) : state);
    case "renamed":
      return stay(here ? { ...state, name: frame.name } : state);
    default:
      return stay(state);
  }
}

/** Re-send unacked entries with their original clientMsgIds; a gap the socket cannot replay is read over HTTP. */
function onSubscribed(state: RoomState, now: number): Step {
  const next = { ...state, subscribed: true, subscribeFailed: false, roomError: null };
  const catchUp = next.catchUp;
  return then(flushOutbox(next, now), (s) => (catchUp ? stay(s, { type: "fetchChanges", ...catchUp }) : stay(s)));
}

/** A banner; a subscribe refused for a passing reason (the database restarting) is tried again on the next tick. */
function onError(state: RoomState, frame: ServerFrameOf<"error">): RoomState {
  const retrySubscribe = frame.ref === state.roomId && frame.code === "internal" && !state.subscribed;
  return { ...state, roomError: describeRoomError(frame), subscribeFailed: state.subscribeFailed || retrySubscribe };
}

/** Me (or everyone: the room was deleted): out for good, nothing more is sent. Someone else: off the members list. */
function onRemoved(state: RoomState, frame: ServerFrameOf<"removed">): RoomState {
  if (frame.user && frame.user.id !== state.me.id) return { ...state, departed: new Set(state.departed).add(frame.user.id) };
  return { ...state, removed: frame.reason, subscribed: false, subscribing: false, typing: noTyping, presence: null, roomError: removedMessage[frame.reason] };
}

const removedMessage = {
  removed: "You were removed from this room.",
  left: "You left this room.",
  deleted: "This room was deleted.",
} as const;
