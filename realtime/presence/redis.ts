import type { Logger } from "pino";
import { encodeFrame, type UserRef } from "../../protocol";
import type { Broker } from "../broker/broker";
import { settleWithin } from "../broker/redis-client";
import { PresenceCoalescer } from "./coalescer";
import type { LocalPresenceOptions } from "./local";
import { LocalMembers } from "./members";
import { presenceFrame, type Presence, type PresenceFrame } from "./presence";
import { sameView, type PresenceStore, type RoomView } from "./redis-store";

type Options = LocalPresenceOptions & { store: PresenceStore; broker: Broker; heartbeatMs: number; log: Logger };

/** A subscriber waits at most this long for the room's first read from Redis. */
const prepareWaitMs = 500;

/**
 * Presence across sidecars. Local users are counted in memory (with the grace
 * period) and written to Redis; a change is announced through the broker, and
 * every sidecar serving the room re-reads it and broadcasts locally, at most
 * about once per interval. Each heartbeat re-reads every room served here, so
 * a dead sidecar's users drop out once their TTL passes. While Redis is down
 * the last view is kept and local changes still go out.
 */
export class RedisPresence implements Presence {
  private members: LocalMembers;
  private coalescer: PresenceCoalescer;
  /** Other sidecars' users, per room served here. */
  private remote = new Map<string, RoomView>();
  private heartbeat: NodeJS.Timeout;

  constructor(private options: Options) {
    this.coalescer = new PresenceCoalescer({
      intervalMs: options.intervalMs,
      render: (roomId) => this.render(roomId),
      broadcast: options.broadcast,
    });
    this.members = new LocalMembers(options.graceMs, {
      online: (roomId, user) => this.announce(roomId, options.store.add(roomId, user)),
      offline: (roomId, user) => this.announce(roomId, options.store.remove(roomId, user)),
    });
    options.broker.onEvent((roomId, event) => {
      if (event.kind === "presence" && this.members.has(roomId)) this.coalescer.changed(roomId);
    });
    // Back from an outage (perhaps to an empty Redis): write our users at once, but believe
    // removals only from the next beat on, once the other sidecars have written theirs too.
    options.broker.onStateChange((state) => void (state === "up" && this.beat(false)));
    this.heartbeat = setInterval(() => void this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  join(roomId: string, user: UserRef): void {
    this.members.join(roomId, user);
  }

  leave(roomId: string, userId: string): void {
    this.members.leave(roomId, userId);
  }

  async prepare(roomId: string): Promise<void> {
    if (!this.remote.has(roomId)) await settleWithin(this.refresh(roomId), prepareWaitMs);
  }

  snapshot(roomId: string): PresenceFrame {
    this.coalescer.forgetLastFrame(roomId);
    return this.frameOf(roomId);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.members.close();
    this.coalescer.close();
  }

  private announce(roomId: string, written: Promise<void>): void {
    this.coalescer.changed(roomId);
    written.then(
      () => this.options.broker.publish(roomId, { kind: "presence" }),
      () => {}, // Redis down: the heartbeat after it returns writes us back.
    );
  }

  private async render(roomId: string): Promise<string | null> {
    if (!this.members.has(roomId)) {
      this.remote.delete(roomId);
      return null;
    }
    await this.refresh(roomId);
    return encodeFrame(this.frameOf(roomId));
  }

  private async refresh(roomId: string): Promise<void> {
    try {
      this.remote.set(roomId, await this.options.store.read(roomId));
    } catch {
      // Keep the last view; the next heartbeat tries again.
    }
  }

  private async beat(apply = true): Promise<void> {
    try {
      const views = await this.options.store.heartbeat(this.members.byRoom());
      if (!apply) return;
      for (const roomId of this.remote.keys()) if (!this.members.has(roomId)) this.remote.delete(roomId);
      for (const [roomId, view] of views) {
        if (!this.members.has(roomId) || sameView(this.remote.get(roomId), view)) continue;
        this.remote.set(roomId, view);
        this.coalescer.changed(roomId);
      }
    } catch (error) {
      this.options.log.debug({ err: error }, "presence heartbeat failed");
    }
  }

  private frameOf(roomId: string): PresenceFrame {
    const users = new Map<string, UserRef>(this.remote.get(roomId));
    for (const user of this.members.users(roomId)) users.set(user.id, user);
    return presenceFrame(roomId, users.values(), this.options.listMax);
  }
}
