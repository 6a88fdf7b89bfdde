import type { ServerFrameOf, UserRef } from "../protocol";

export type PresenceFrame = ServerFrameOf<"presence">;

/**
 * Who is online in a room: users with at least one socket subscribed to it.
 * One sidecar counts its own sockets; a Redis-backed version can implement the
 * same interface later.
 */
export interface Presence {
  /** A socket of this user joined the room's topic. */
  join(roomId: string, user: UserRef): void;
  /** A socket of this user left the room's topic (unsubscribe or close). */
  leave(roomId: string, userId: string): void;
  snapshot(roomId: string): PresenceFrame;
  close(): void;
}

type Options = {
  listMax: number;
  intervalMs: number;
  /** Sends a pre-serialised presence frame to the room's subscribers. */
  broadcast: (roomId: string, frame: string) => void;
};

/** A first change goes out after this little while, so a burst becomes one frame. */
const firstDelayMs = 50;

export class LocalPresence implements Presence {
  private rooms = new Map<string, Map<string, { user: UserRef; sockets: number }>>();
  private timers = new Map<string, NodeJS.Timeout>();
  private lastSent = new Map<string, number>();

  constructor(private options: Options) {}

  join(roomId: string, user: UserRef): void {
    const room = this.rooms.get(roomId) ?? new Map();
    this.rooms.set(roomId, room);
    const entry = room.get(user.id);
    if (entry) entry.sockets++;
    else {
      room.set(user.id, { user, sockets: 1 });
      this.changed(roomId);
    }
  }

  leave(roomId: string, userId: string): void {
    const room = this.rooms.get(roomId);
    const entry = room?.get(userId);
    if (!room || !entry) return;
    if (--entry.sockets > 0) return;
    room.delete(userId);
    if (room.size === 0) this.rooms.delete(roomId);
    this.changed(roomId);
  }

  snapshot(roomId: string): PresenceFrame {
    const users = [...(this.rooms.get(roomId)?.values() ?? [])].map((e) => e.user);
    const frame: PresenceFrame = { type: "presence", room: roomId, count: users.length };
    if (users.length <= this.options.listMax) frame.online = users;
    return frame;
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Coalesce: at most one frame per room per interval; later changes ride on the next one. */
  private changed(roomId: string): void {
    if (this.timers.has(roomId)) return;
    const since = Date.now() - (this.lastSent.get(roomId) ?? 0);
    const delay = Math.max(firstDelayMs, this.options.intervalMs - since);
    const timer = setTimeout(() => this.flush(roomId), delay);
    timer.unref();
    this.timers.set(roomId, timer);
  }

  private flush(roomId: string): void {
    this.timers.delete(roomId);
    if (!this.rooms.has(roomId)) {
      // Nobody is left here to tell; forget the room.
      this.lastSent.delete(roomId);
      return;
    }
    this.lastSent.set(roomId, Date.now());
    this.options.broadcast(roomId, JSON.stringify(this.snapshot(roomId)));
  }
}
