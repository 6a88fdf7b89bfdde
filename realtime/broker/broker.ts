/*
 * How sidecars hear each other. An event published here reaches the other
 * sidecars that listen to the room, which hand frames to their local uWS
 * topics. The database stays the truth: a lost change is recovered from it
 * (room-cursors.ts), never silently missed.
 */

/** `local`: one sidecar, no broker. `down`: Redis unreachable; sidecars serve their own clients and poll the database. */
export type BrokerState = "local" | "up" | "down";

/** One committed change of a room: its seq and its `message` frame. */
export type Change = { seq: number; frame: string };

export type BrokerEvent =
  /** Committed changes of one room, in seq order: pre-serialised message frames and their seqs (so receivers need not parse them). */
  | { kind: "changes"; changes: Change[] }
  /** A best-effort frame for the room's other sockets (typing). */
  | { kind: "ephemeral"; frame: string }
  /** The room's presence changed on some sidecar: re-read it. */
  | { kind: "presence" }
  /** A frame for every socket of one user (their read marker moved), published on the user's own channel. */
  | { kind: "user"; userId: string; frame: string };

export interface Broker {
  readonly state: BrokerState;
  /** To the other sidecars, never back to this one. Never throws; dropped while down. */
  publish(roomId: string, event: BrokerEvent): void;
  onEvent(handler: (roomId: string, event: BrokerEvent) => void): void;
  /** Hear the room from now on; resolves once subscribed, or at once while down. Idempotent; the caller counts its users. */
  listen(roomId: string): Promise<void>;
  unlisten(roomId: string): void;
  onStateChange(handler: (state: BrokerState) => void): void;
  close(): Promise<void>;
}
