import type { UserRef } from "../../protocol";
import { presenceEntries } from "../metrics/registry";

type Entry = { user: UserRef; sockets: number; leaveTimer?: NodeJS.Timeout };

type Events = {
  online: (roomId: string, user: UserRef) => void;
  offline: (roomId: string, user: UserRef) => void;
};

/**
 * This sidecar's users per room, counted by socket. A user whose last socket
 * left stays online for graceMs: a page reload or a quick reconnect comes
 * back within it and nobody sees them blink offline.
 */
export class LocalMembers {
  private rooms = new Map<string, Map<string, Entry>>();

  constructor(
    private graceMs: number,
    private events: Events,
  ) {}

  join(roomId: string, user: UserRef): void {
    const room = this.rooms.get(roomId) ?? new Map<string, Entry>();
    this.rooms.set(roomId, room);
    const entry = room.get(user.id);
    if (entry) {
      entry.sockets++;
      clearTimeout(entry.leaveTimer);
      entry.leaveTimer = undefined;
      return;
    }
    room.set(user.id, { user, sockets: 1 });
    presenceEntries.inc();
    this.events.online(roomId, user);
  }

  leave(roomId: string, userId: string): void {
    const entry = this.rooms.get(roomId)?.get(userId);
    if (!entry || entry.sockets === 0 || --entry.sockets > 0) return;
    if (this.graceMs === 0) return this.remove(roomId, entry);
    entry.leaveTimer = setTimeout(() => this.remove(roomId, entry), this.graceMs);
    entry.leaveTimer.unref();
  }

  has(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  users(roomId: string): UserRef[] {
    return [...(this.rooms.get(roomId)?.values() ?? [])].map((e) => e.user);
  }

  /** Every room with its local users, for heartbeats. */
  byRoom(): [string, UserRef[]][] {
    return [...this.rooms.keys()].map((roomId) => [roomId, this.users(roomId)]);
  }

  close(): void {
    for (const room of this.rooms.values()) for (const entry of room.values()) clearTimeout(entry.leaveTimer);
    presenceEntries.dec([...this.rooms.values()].reduce((n, room) => n + room.size, 0));
    this.rooms.clear();
  }

  private remove(roomId: string, entry: Entry): void {
    const room = this.rooms.get(roomId);
    if (!room || room.get(entry.user.id) !== entry || entry.sockets > 0) return;
    room.delete(entry.user.id);
    presenceEntries.dec();
    if (room.size === 0) this.rooms.delete(roomId);
    this.events.offline(roomId, entry.user);
  }
}
