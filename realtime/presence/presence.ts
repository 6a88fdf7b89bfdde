import type { ServerFrameOf, UserRef } from "../../protocol";

export type PresenceFrame = ServerFrameOf<"presence">;

/**
 * Who is online in a room: users with at least one socket subscribed to it,
 * on any sidecar. LocalPresence counts this sidecar's sockets; RedisPresence
 * adds the other sidecars' users, kept in Redis with TTL heartbeats.
 */
export interface Presence {
  /** A socket of this user joined the room's topic. */
  join(roomId: string, user: UserRef): void;
  /** A socket of this user left the room's topic (unsubscribe or close); the user stays online for a grace period. */
  leave(roomId: string, userId: string): void;
  /** Make snapshot() complete for a room this sidecar may not have served yet. Never rejects. */
  prepare(roomId: string): Promise<void>;
  /** The frame a newly subscribed socket gets, synchronously. */
  snapshot(roomId: string): PresenceFrame;
  close(): void;
}

/** Above listMax online users only the count is sent. */
export function presenceFrame(roomId: string, users: Iterable<UserRef>, listMax: number): PresenceFrame {
  const online = [...users];
  const frame: PresenceFrame = { type: "presence", room: roomId, count: online.length };
  if (online.length <= listMax) frame.online = online;
  return frame;
}
