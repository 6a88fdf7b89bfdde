/**
 * The app shell subscribes to every room of the user on one socket; a burst
 * of them (at start, after every reconnect, in several tabs) would run into
 * SUBSCRIBE_RATE_LIMIT (per user, every sidecar) and, refused five times,
 * close the socket 4008. So they go out one at a time, `gapMs` apart, and a
 * `rate_limited` answer pauses the queue for a window. A room subscribed late
 * loses nothing: its subscribe asks `since` the last change seen.
 */
import type { Clock } from "./clock";

/** 25 a 10-second window per tab: room under the default limit (100) for a few tabs and the open rooms' own subscribes. */
const defaultGapMs = 400;
const pauseMs = 10_000;

export class SubscribePacer {
  private queue: string[] = [];
  private timer: unknown = null;

  /** `send` returns false when the room no longer wants a subscribe (claimed, gone) or the socket is down. */
  constructor(private readonly clock: Clock, private readonly send: (room: string) => boolean, private readonly gapMs = defaultGapMs) {}

  enqueue(room: string): void {
    if (!this.queue.includes(room)) this.queue.push(room);
    this.pump();
  }

  /** The sidecar said `rate_limited` to the room's subscribe: it goes first again, after a window. */
  refused(room: string): void {
    this.queue = [room, ...this.queue.filter((r) => r !== room)];
    this.wait(pauseMs);
  }

  clear(): void {
    this.queue = [];
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.timer !== null) return;
    while (this.queue.length > 0) {
      if (this.send(this.queue.shift()!)) return this.wait(this.gapMs);
    }
  }

  private wait(ms: number): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.pump();
    }, ms);
  }
}
