/**
 * What goes into the room reducer and what comes out. Events: server frames,
 * connection changes, HTTP pages, timer ticks, user actions. Effects: frames to
 * write, pages to fetch, timers to set or clear. Time is an input (`now`), so
 * the reducer stays pure; room-controller.ts is the one place that runs effects.
 */
import type { ChatMessage, ClientFrame, ServerFrame } from "../../protocol/index";
import type { ConnectionState } from "./connection";
import type { OlderPage } from "./history";
import type { RoomState } from "./room-state";

export type RoomTimer = "tick" | "resync" | "read" | "catchUpRetry";
export const roomTimers: readonly RoomTimer[] = ["tick", "resync", "read", "catchUpRetry"];

/** An HTTP request that failed: its status, or null when no answer came at all. */
export type HttpFailure = { readonly status: number | null };

export type RoomEvent =
  // From the connection.
  | { type: "frame"; frame: ServerFrame }
  | { type: "connection"; state: ConnectionState }
  | { type: "terminal"; code: number }
  /** The connection is ready (again): send the room's subscribe. */
  | { type: "rejoin" }
  /** A frame the reducer asked to write found no open socket after all. */
  | { type: "writeFailed"; frame: ClientFrame }
  // From the driver.
  | { type: "start"; connection: ConnectionState; closedFor: number | null }
  | { type: "stop" }
  | { type: "timer"; timer: RoomTimer }
  | { type: "olderPage"; page: OlderPage }
  | ({ type: "olderFailed" } & HttpFailure)
  | { type: "changesPage"; messages: readonly ChatMessage[]; upTo: number }
  | ({ type: "changesFailed" } & HttpFailure)
  // From the user.
  | { type: "send"; clientMsgId: string; body: string }
  | { type: "retry"; clientMsgId: string }
  | { type: "typing" }
  /** The user saw the messages up to `upTo` (all held, without it). */
  | { type: "seen"; upTo?: number }
  | { type: "loadOlder" }
  | { type: "dismissError" }
  | ActionEvent;

/** A change to an existing message (room-actions.ts); reqId is fresh for each. */
export type ActionEvent =
  | { type: "edit"; reqId: string; messageId: string; body: string }
  | { type: "delete"; reqId: string; messageId: string }
  | { type: "react"; reqId: string; messageId: string; emoji: string; on: boolean };

export type RoomEffect =
  | { type: "write"; frame: ClientFrame }
  | { type: "fetchOlder"; before: number }
  | { type: "fetchChanges"; from: number; upTo: number }
  | { type: "setTimer"; timer: RoomTimer; ms: number }
  | { type: "clearTimer"; timer: RoomTimer };

export type Step = { readonly state: RoomState; readonly effects: readonly RoomEffect[] };

export function stay(state: RoomState, ...effects: RoomEffect[]): Step {
  return { state, effects };
}

/** Run `next` on the state `step` left, keeping both steps' effects in order. */
export function then(step: Step, next: (state: RoomState) => Step): Step {
  const after = next(step.state);
  return after.effects.length === 0 ? { state: after.state, effects: step.effects } : { state: after.state, effects: [...step.effects, ...after.effects] };
}

/** Timers run only between start and stop, so stop can clear every one. */
export function arm(state: RoomState, timer: RoomTimer, ms: number): RoomEffect[] {
  return state.running ? [{ type: "setTimer", timer, ms }] : [];
}
