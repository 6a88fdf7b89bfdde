/**
 * One room's state machine: `reduceRoom(state, event, now) -> { state, effects }`.
 * Pure: no sockets, fetches or timers here (room-controller.ts runs the
 * effects), so the cursor, outbox, typing and read-marker logic is tested
 * without any of them. Frames are handled in room-frames.ts, writes in room-writes.ts.
 */
import { CloseCode } from "../../protocol/index";
import type { ConnectionState } from "./connection";
import * as outbox from "./outbox";
import { arm, roomTimers, stay, then, type HttpFailure, type RoomEvent, type RoomTimer, type Step } from "./room-events";
import { forgetActions, requestAction } from "./room-actions";
import { onFrame, scheduleResync } from "./room-frames";
import { connectionLost, finishCatchUp, mergeOlder } from "./room-log";
import { needsResync, type RoomState } from "./room-state";
import { flushOutbox, flushRead, markSeen, rejoin, rejoinIfOnline, typingNow, writeFailed } from "./room-writes";
import { pruneTyping } from "./typing";

const tickMs = 1000;
const ackTimeoutMs = 10_000;
const catchUpRetryMs = 5000;

export function reduceRoom(state: RoomState, event: RoomEvent, now: number): Step {
  switch (event.type) {
    case "frame": return onFrame(state, event.frame, now);
    case "connection": return stay(onConnection(state, event.state));
    case "terminal": return stay({ ...state, closedFor: event.code });
    case "rejoin": return rejoin(state);
    case "writeFailed": return writeFailed(state, event.frame);
    case "start": return start(state, event.connection, event.closedFor);
    case "stop": return stop(state);
    case "timer": return onTimer(state, event.timer, now);
    case "olderPage": {
      const merged = mergeOlder(state, event.page.messages);
      return stay({ ...merged, olderBefore: event.page.nextBefore, loadingOlder: false });
    }
    case "olderFailed": return stay(httpFailed({ ...state, loadingOlder: false }, event, "Could not load older messages."));
    case "changesPage": return scheduleResync(finishCatchUp(state, event.messages, event.upTo)); // live frames past lastSeq may have left a hole
    case "changesFailed": {
      // Drop the plan without moving the cursor: the next subscribe asks again.
      const failed = httpFailed({ ...state, catchUp: null }, event, "Could not load missed messages; retrying.");
      return stay(failed, ...arm(failed, "catchUpRetry", catchUpRetryMs));
    }
    case "send": return flushOutbox({ ...state, outbox: outbox.addEntry(state.outbox, event.clientMsgId, event.body, now) }, now);
    case "retry": return flushOutbox({ ...state, outbox: outbox.retryEntry(state.outbox, event.clientMsgId) }, now);
    case "typing": return typingNow(state, now);
    case "seen": return markSeen(state, now, event.upTo);
    case "loadOlder":
      if (state.olderBefore === null || state.loadingOlder) return stay(state);
      return stay({ ...state, loadingOlder: true }, { type: "fetchOlder", before: state.olderBefore });
    case "dismissError": return stay({ ...state, roomError: null });
    case "edit": case "delete": case "react": return requestAction(state, event);
  }
}

function onConnection(state: RoomState, connection: ConnectionState): RoomState {
  if (connection === "online") return { ...state, connection, closedFor: null };
  return { ...forgetActions(connectionLost(state)), connection, subscribed: false };
}

function start(state: RoomState, connection: ConnectionState, closedFor: number | null): Step {
  const started = onConnection({ ...state, running: true }, connection);
  const next = { ...started, closedFor: closedFor ?? started.closedFor };
  return stay(next, ...arm(next, "tick", tickMs));
}

/** Every timer is cleared, and the flags that said one was running are down. */
function stop(state: RoomState): Step {
  const stopped = { ...state, running: false, resyncArmed: false, reads: { ...state.reads, waiting: null } };
  return stay(onConnection(stopped, "offline"), ...roomTimers.map((timer) => ({ type: "clearTimer" as const, timer })));
}

function onTimer(state: RoomState, timer: RoomTimer, now: number): Step {
  switch (timer) {
    case "tick": return tick(state, now);
    case "resync": {
      const next = { ...state, resyncArmed: false };
      return needsResync(next) ? rejoinIfOnline(next) : stay(next);
    }
    case "read": return flushRead(state, now);
    case "catchUpRetry": return rejoinIfOnline(state);
  }
}

/** Once a second: a refused subscribe again, ack timeouts, entries an `internal` error put back, typing expiry. */
function tick(state: RoomState, now: number): Step {
  const retry = state.subscribeFailed && state.connection === "online";
  const first = retry ? rejoin({ ...state, subscribeFailed: false }) : stay(state);
  return then(then(first, (s) => {
    const expired = s.subscribed ? { ...s, outbox: outbox.expireUnacked(s.outbox, now, ackTimeoutMs) } : s;
    return flushOutbox(expired, now);
  }), (s) => {
    const next = { ...s, typing: pruneTyping(s.typing, now) };
    return stay(next, ...arm(next, "tick", tickMs));
  });
}

/** A 401 means the session is gone (the same as the sidecar's close); anything else is a banner. */
function httpFailed(state: RoomState, failure: HttpFailure, fallback: string): RoomState {
  if (failure.status === 401) return { ...state, closedFor: CloseCode.sessionExpired.code };
  return { ...state, roomError: fallback };
}
