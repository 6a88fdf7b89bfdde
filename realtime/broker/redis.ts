import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Broker, BrokerEvent, BrokerState } from "./broker";
import { encodeEvent } from "./envelope";
import { EventListeners } from "./event-listeners";
import { redisNames } from "./names";
import { createRedisClient, settleWithin } from "./redis-client";
import { StateReporter } from "./state-reporter";

type Options = {
  url: string;
  /** Channel names are `<keyPrefix>room:<roomId>`, so deployments (and tests) sharing a Redis stay apart. */
  keyPrefix: string;
  /** This process's fixed-length id; events carrying it are our own and are ignored. */
  origin: string;
  /** The command connection (also used by presence and the rate limiter). */
  commands: Redis;
  log: Logger;
};

/** How long a first subscriber waits for SUBSCRIBE before going on (the catch-up covers the rest). */
export const subscribeWaitMs = 1000;

/**
 * Redis pub/sub, one channel per room with local subscribers: a sidecar hears
 * only rooms it serves. The subscriber connection re-subscribes our own list
 * after every reconnect; the broker is `up` only once that is done, so a
 * reconnect sweep started on `up` misses nothing published afterwards.
 */
export class RedisBroker implements Broker {
  private subscriber: Redis;
  private channels = new Set<string>();
  private subscribed = false;
  private listeners: EventListeners;
  private names;
  private reporter: StateReporter;

  constructor(private options: Options) {
    this.names = redisNames(options.keyPrefix, false);
    this.listeners = new EventListeners(this.names, options.origin);
    this.reporter = new StateReporter(() => this.state, options.log);
    this.subscriber = createRedisClient(options.url, `${options.origin}-sub`, options.log);
    this.subscriber.on("ready", () => void this.resubscribe());
    this.subscriber.on("close", () => this.setSubscribed(false));
    this.subscriber.on("message", (channel: string, text: string) => this.listeners.deliver(channel, text));
    options.commands.on("ready", () => this.reporter.report());
    options.commands.on("close", () => this.reporter.report());
  }

  get state(): BrokerState {
    return this.subscribed && this.options.commands.status === "ready" ? "up" : "down";
  }

  /** Needs only the command connection: the others may hear it even while our own subscriber reconnects. */
  publish(roomId: string, event: BrokerEvent): void {
    if (this.options.commands.status !== "ready") return;
    const text = encodeEvent(this.options.origin, event);
    this.options.commands.publish(this.names.channelOf(roomId), text).catch(() => {});
  }

  onEvent(handler: (roomId: string, event: BrokerEvent) => void): void {
    this.listeners.add(handler);
  }

  async listen(roomId: string): Promise<void> {
    const channel = this.names.channelOf(roomId);
    this.channels.add(channel);
    if (this.subscribed) await settleWithin(this.subscriber.subscribe(channel), subscribeWaitMs);
  }

  unlisten(roomId: string): void {
    const channel = this.names.channelOf(roomId);
    if (!this.channels.delete(channel) || !this.subscribed) return;
    this.subscriber.unsubscribe(channel).catch(() => {});
  }

  onStateChange(handler: (state: BrokerState) => void): void {
    this.reporter.onChange(handler);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.reporter.clear();
    this.subscriber.disconnect();
  }


  private async resubscribe(): Promise<void> {
    try {
      let done = new Set<string>();
      // Rooms listened to while a SUBSCRIBE was on its way are taken up too before we count as up.
      for (let missing = [...this.channels]; missing.length > 0; missing = [...this.channels].filter((c) => !done.has(c))) {
        await this.subscriber.subscribe(...missing);
        done = new Set([...done, ...missing]);
      }
      this.setSubscribed(this.subscriber.status === "ready");
    } catch (error) {
      this.options.log.warn({ err: error }, "redis resubscribe failed; reconnecting");
      this.subscriber.disconnect(true);
    }
  }

  private setSubscribed(subscribed: boolean): void {
    this.subscribed = subscribed;
    this.reporter.report();
  }
}
