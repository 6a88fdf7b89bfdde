import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Broker, BrokerEvent, BrokerState } from "./broker";
import { decodeEvent, encodeEvent } from "./envelope";
import { createRedisClient, settleWithin } from "./redis-client";

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
const subscribeWaitMs = 1000;

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
  private handlers: ((roomId: string, event: BrokerEvent) => void)[] = [];
  private stateHandlers: ((state: BrokerState) => void)[] = [];
  private lastState: BrokerState = "down";

  constructor(private options: Options) {
    this.subscriber = createRedisClient(options.url, `${options.origin}-sub`, options.log);
    this.subscriber.on("ready", () => void this.resubscribe());
    this.subscriber.on("close", () => this.setSubscribed(false));
    this.subscriber.on("message", (channel: string, text: string) => this.receive(channel, text));
    options.commands.on("ready", () => this.reportState());
    options.commands.on("close", () => this.reportState());
  }

  get state(): BrokerState {
    return this.subscribed && this.options.commands.status === "ready" ? "up" : "down";
  }

  /** Needs only the command connection: the others may hear it even while our own subscriber reconnects. */
  publish(roomId: string, event: BrokerEvent): void {
    if (this.options.commands.status !== "ready") return;
    const text = encodeEvent(this.options.origin, event);
    this.options.commands.publish(this.channelOf(roomId), text).catch(() => {});
  }

  onEvent(handler: (roomId: string, event: BrokerEvent) => void): void {
    this.handlers.push(handler);
  }

  async listen(roomId: string): Promise<void> {
    const channel = this.channelOf(roomId);
    this.channels.add(channel);
    if (this.subscribed) await settleWithin(this.subscriber.subscribe(channel), subscribeWaitMs);
  }

  unlisten(roomId: string): void {
    const channel = this.channelOf(roomId);
    if (!this.channels.delete(channel) || !this.subscribed) return;
    this.subscriber.unsubscribe(channel).catch(() => {});
  }

  onStateChange(handler: (state: BrokerState) => void): void {
    this.stateHandlers.push(handler);
  }

  async close(): Promise<void> {
    this.handlers = [];
    this.stateHandlers = [];
    this.subscriber.disconnect();
  }

  private channelOf(roomId: string): string {
    return `${this.options.keyPrefix}room:${roomId}`;
  }

  private receive(channel: string, text: string): void {
    const roomId = channel.slice(this.options.keyPrefix.length + "room:".length);
    const event = decodeEvent(this.options.origin, text);
    if (event) for (const handler of this.handlers) handler(roomId, event);
  }

  private async resubscribe(): Promise<void> {
    try {
      if (this.channels.size > 0) await this.subscriber.subscribe(...this.channels);
      this.setSubscribed(this.subscriber.status === "ready");
    } catch (error) {
      this.options.log.warn({ err: error }, "redis resubscribe failed; reconnecting");
      this.subscriber.disconnect(true);
    }
  }

  private setSubscribed(subscribed: boolean): void {
    this.subscribed = subscribed;
    this.reportState();
  }

  private reportState(): void {
    const state = this.state;
    if (state === this.lastState) return;
    this.lastState = state;
    this.options.log.info({ broker: state }, state === "up" ? "broker up" : "broker down; serving local clients");
    for (const handler of this.stateHandlers) handler(state);
  }
}
