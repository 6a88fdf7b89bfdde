import calculateSlot from "cluster-key-slot";
import type { Cluster, Redis } from "ioredis";
import type { Logger } from "pino";

type Shard = { nodeKey: string; client: Redis; subscribed: Set<string>; ready: boolean };

type Options = {
  /** The command client: its slot map says which master owns a channel. */
  cluster: Cluster;
  connect: (nodeKey: string) => Redis;
  onMessage: (channel: string, text: string) => void;
  /** Some shard went ready or not ready. */
  onChange: () => void;
  log: Logger;
};

/*
 * Sharded pub/sub needs one subscriber per master: SSUBSCRIBE is served by
 * the shard that owns the channel's slot, and a message reaches only that
 * shard's subscribers. Each subscriber re-subscribes its channels after every
 * reconnect and counts as ready only once that is done; after a topology
 * change (the slot map re-read by the cluster client) each one takes up the
 * channels that moved to it and drops those that moved away.
 */
export class ShardSubscribers {
  private shards = new Map<string, Shard>();
  /** Our channels and their slots (computed once: the slot map is re-checked every refresh). */
  private channels = new Map<string, number>();

  constructor(private options: Options) {
    options.cluster.on("ready", () => this.sync());
    options.cluster.on("refresh", () => this.sync());
  }

  /** Every master known has a subscriber holding every channel of its slots. */
  get ready(): boolean {
    return this.shards.size > 0 && [...this.shards.values()].every((shard) => shard.ready);
  }

  /** Resolves once subscribed, or at once if the channel's shard is not ready (its resubscribe will do it). */
  async add(channel: string): Promise<void> {
    this.channels.set(channel, calculateSlot(channel));
    const shard = this.shards.get(this.ownerOf(channel) ?? "");
    if (shard?.ready) await this.subscribe(shard, channel);
  }

  remove(channel: string): void {
    if (!this.channels.delete(channel)) return;
    for (const shard of this.shards.values()) {
      if (shard.subscribed.delete(channel)) shard.client.sunsubscribe(channel).catch(() => {});
    }
  }

  close(): void {
    for (const shard of this.shards.values()) shard.client.disconnect();
    this.shards.clear();
  }

  private ownerOf(channel: string): string | undefined {
    return this.options.cluster.slots[this.channels.get(channel) ?? calculateSlot(channel)]?.[0];
  }

  /** Masters from the slot map: a subscriber for each new one, none for one that is gone. */
  private sync(): void {
    const masters = new Set(this.options.cluster.slots.map((owners) => owners?.[0]).filter((key) => key !== undefined));
    // A cluster client between reconnects may hold no map at all: keep what we have.
    if (masters.size === 0) return;
    for (const [key, shard] of this.shards) {
      if (masters.has(key)) continue;
      shard.client.disconnect();
      this.shards.delete(key);
    }
    for (const key of masters) if (!this.shards.has(key)) this.shards.set(key, this.open(key));
    for (const shard of this.shards.values()) if (shard.ready) void this.resubscribe(shard);
    this.options.onChange();
  }

  private open(nodeKey: string): Shard {
    const shard: Shard = { nodeKey, client: this.options.connect(nodeKey), subscribed: new Set(), ready: false };
    shard.client.on("ready", () => void this.resubscribe(shard));
    shard.client.on("close", () => {
      shard.ready = false;
      shard.subscribed.clear();
      this.options.onChange();
    });
    shard.client.on("smessage", (channel: string, text: string) => this.options.onMessage(channel, text));
    return shard;
  }

  /** Bring one subscriber in line with the slot map and our channels; ready once done. */
  private async resubscribe(shard: Shard): Promise<void> {
    try {
      const gone = [...shard.subscribed].filter((channel) => !this.belongsTo(shard, channel));
      for (const channel of gone) shard.subscribed.delete(channel);
      // One channel per command: a SUNSUBSCRIBE or SSUBSCRIBE may not cross slots.
      await Promise.all(gone.map((channel) => shard.client.sunsubscribe(channel)));
      // Rooms listened to while this ran are taken up too before the shard counts as ready.
      for (let missing = this.missingOn(shard); missing.length > 0; missing = this.missingOn(shard)) {
        await Promise.all(missing.map((channel) => this.subscribe(shard, channel)));
      }
      shard.ready = shard.client.status === "ready";
    } catch (error) {
      this.options.log.warn({ err: error, node: shard.nodeKey }, "redis shard resubscribe failed; reconnecting");
      shard.client.disconnect(true);
    }
    this.options.onChange();
  }

  private belongsTo(shard: Shard, channel: string): boolean {
    return this.channels.has(channel) && this.ownerOf(channel) === shard.nodeKey;
  }

  private missingOn(shard: Shard): string[] {
    return [...this.channels.keys()].filter((channel) => !shard.subscribed.has(channel) && this.ownerOf(channel) === shard.nodeKey);
  }

  private async subscribe(shard: Shard, channel: string): Promise<void> {
    await shard.client.ssubscribe(channel);
    shard.subscribed.add(channel);
  }
}
