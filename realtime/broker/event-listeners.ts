import type { BrokerEvent } from "./broker";
import { decodeEvent } from "./envelope";
import type { RedisNames } from "./names";

type Handler = (roomId: string, event: BrokerEvent) => void;

/** A Redis broker's event handlers, and how a message on one of its room channels reaches them. */
export class EventListeners {
  private handlers: Handler[] = [];

  constructor(
    private names: RedisNames,
    private origin: string,
  ) {}

  add(handler: Handler): void {
    this.handlers.push(handler);
  }

  clear(): void {
    this.handlers = [];
  }

  /** Decoded once, to every handler; our own events and channels that are not a room's are dropped. */
  deliver(channel: string, text: string): void {
    const roomId = this.names.roomOf(channel);
    const event = roomId === null ? null : decodeEvent(this.origin, text);
    if (event) for (const handler of this.handlers) handler(roomId!, event);
  }
}
