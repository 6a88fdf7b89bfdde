import { encodeFrame, type UserRef } from "../../protocol";
import { PresenceCoalescer } from "./coalescer";
import { LocalMembers } from "./members";
import { presenceFrame, type Presence, type PresenceFrame } from "./presence";

export type LocalPresenceOptions = {
  listMax: number;
  intervalMs: number;
  graceMs: number;
  /** Sends a pre-serialised presence frame to the room's local subscribers. */
  broadcast: (roomId: string, frame: string) => void;
};

/** One sidecar, no Redis: this sidecar's sockets are everyone. */
export class LocalPresence implements Presence {
  private members: LocalMembers;
  private coalescer: PresenceCoalescer;

  constructor(private options: LocalPresenceOptions) {
    this.coalescer = new PresenceCoalescer({
      intervalMs: options.intervalMs,
      render: (roomId) => (this.members.has(roomId) ? encodeFrame(this.frameOf(roomId)) : null),
      broadcast: options.broadcast,
    });
    const changed = (roomId: string) => this.coalescer.changed(roomId);
    this.members = new LocalMembers(options.graceMs, { online: changed, offline: changed });
  }

  join(roomId: string, user: UserRef): void {
    this.members.join(roomId, user);
  }

  leave(roomId: string, userId: string): void {
    this.members.leave(roomId, userId);
  }

  async prepare(): Promise<void> {}

  snapshot(roomId: string): PresenceFrame {
    this.coalescer.forgetLastFrame(roomId);
    return this.frameOf(roomId);
  }

  close(): void {
    this.members.close();
    this.coalescer.close();
  }

  private frameOf(roomId: string): PresenceFrame {
    return presenceFrame(roomId, this.members.users(roomId), this.options.listMax);
  }
}
