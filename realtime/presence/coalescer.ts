import { framesOut } from "../metrics/registry";

type Options = {
  intervalMs: number;
  /** The room's presence frame now, or null if this sidecar has nobody left in the room to tell. */
  render: (roomId: string) => string | null | Promise<string | null>;
  broadcast: (roomId: string, frame: string) => void;
};

/** A first change goes out after this little while, so a burst becomes one frame. */
const firstDelayMs = 50;

/**
 * At most one presence frame per room per interval; later changes ride on the
 * next one, and a frame equal to the last one broadcast is not sent again.
 */
export class PresenceCoalescer {
  private timers = new Map<string, NodeJS.Timeout>();
  private lastSent = new Map<string, number>();
  private lastFrame = new Map<string, string>();
  /** Rooms that changed again while their frame was being rendered. */
  private dirty = new Set<string>();

  constructor(private options: Options) {}

  changed(roomId: string): void {
    if (this.timers.has(roomId)) {
      this.dirty.add(roomId);
      return;
    }
    const since = Date.now() - (this.lastSent.get(roomId) ?? 0);
    const delay = Math.max(firstDelayMs, this.options.intervalMs - since);
    const timer = setTimeout(() => void this.flush(roomId), delay);
    timer.unref();
    this.timers.set(roomId, timer);
  }

  /** Some socket got a snapshot of its own: the next change must be broadcast even if it looks unchanged. */
  forgetLastFrame(roomId: string): void {
    this.lastFrame.delete(roomId);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async flush(roomId: string): Promise<void> {
    this.lastSent.set(roomId, Date.now());
    this.dirty.delete(roomId);
    const frame = await this.options.render(roomId);
    // The timer entry stays until here, so two renders of a room never race.
    this.timers.delete(roomId);
    if (this.dirty.delete(roomId)) this.changed(roomId);
    if (frame === null) {
      // Nobody is left here to tell; forget the room.
      this.lastSent.delete(roomId);
      this.lastFrame.delete(roomId);
      return;
    }
    if (this.lastFrame.get(roomId) === frame) return;
    this.lastFrame.set(roomId, frame);
    this.options.broadcast(roomId, frame);
    framesOut.inc("presence");
  }
}
