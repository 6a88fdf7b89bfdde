import type { Cluster, Redis } from "ioredis";
import type { Logger } from "pino";
import type { Broker, BrokerEvent, BrokerState } from "./broker";
import { encodeEvent } from "./envelope";
import { EventListeners } from "./event-listeners";
import { redisNames } from "./names";
import { subscribeWaitMs } from "./redis";
import { settleWithin } from "./redis-client";
import { ShardSubscribers } from "./shard-subscribers";
import { StateReporter } from "./state-reporter";

type Options = {
  keyPrefix: string;
  origin: string;
  /** The cluster command client (also used by presence and the rate limiter). */
  commands: Cluster;
  /** A subscriber connection to one master, by its node key (`host:port`). */
  connectNode: (nodeKey: string) => Redis;
  log: Logger;
};

/**
 * The broker on a Redis Cluster: SPUBLISH/SSUBSCRIBE, each room's channel
 * (`<prefix>room:{<id>}`) on the shard that owns its slot, so a room's traffic
 * touches one shard instead of being broadcast over the cluster bus to every
 * node. `up` only while every master's subscriber holds all of our channels
 * of its slots: one master lost (a cluster without replicas loses its slots
 * until it returns) is `down`, and its return, like any `up`, starts the
 * catch-up sweep (room-cursors.ts), so nothing published meanwhile is missed.
 */
export class ShardedBroker implements Broker {
  private listeners: EventListeners;
  private names;
  private reporter: StateReporter;
  private subscribers: ShardSubscribers;

  constructor(private options: Options) {
    this.names = redisNames(options.keyPrefix, true);
    this.listeners = new EventListeners(this.names, options.origin);
    this.reporter = new StateReporter(() => this.state, options.log);
    this.subscribers = new ShardSubscribers({
      cluster: options.commands,
      connect: options.connectNode,
      onMessage: (channel, text) => this.listeners.deliver(channel, text),
      onChange: () => this.reporter.report(),
      log: options.log,
    });
    for (const event of ["ready", "close", "end"]) options.commands.on(event, () => this.reporter.report());
  }

  get state(): BrokerState {
    return this.subscribers.ready && this.options.commands.status === "ready" ? "up" : "down";
  }

  publish(roomId: string, event: BrokerEvent): void {
    if (this.options.commands.status !== "ready") return;
    const text = encodeEvent(this.options.origin, event);
    this.options.commands.spublish(this.names.channelOf(roomId), text).catch(() => {});
  }

  onEvent(handler: (roomId: string, event: BrokerEvent) => void): void {
    this.listeners.add(handler);
  }

  async listen(roomId: string): Promise<void> {
    await settleWithin(this.subscribers.add(this.names.channelOf(roomId)), subscribeWaitMs);
  }

  unlisten(roomId: string): void {
    this.subscribers.remove(this.names.channelOf(roomId));
  }

  onStateChange(handler: (state: BrokerState) => void): void {
    this.reporter.onChange(handler);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.reporter.clear();
    this.subscribers.close();
  }

}
