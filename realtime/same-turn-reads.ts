import { PerTurnGroups } from "./per-turn";

/*
 * Reads asked for during one event-loop turn go to the database together,
 * once the turn is over: one readMany call with every distinct key (in
 * chunks of maxKeys). Many sockets asking the same thing at once (a
 * reconnect storm resubscribing to the same rooms) cost one query, not one
 * each. Safe for reads that must not start before the caller asked (a
 * subscribe's lastSeq): the query is sent only after every asker is in.
 */
type Waiter<V> = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };

export class SameTurnReads<V> {
  private waiting = new PerTurnGroups<Waiter<V>>((groups) => {
    const keys = [...groups.keys()];
    for (let i = 0; i < keys.length; i += this.maxKeys) void this.ask(keys.slice(i, i + this.maxKeys), groups);
  });

  constructor(
    private readMany: (keys: string[]) => Promise<Map<string, V>>,
    private maxKeys = 256,
  ) {}

  /** The value under key, or undefined if there is none. */
  get(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => this.waiting.add(key, { resolve, reject }));
  }

  private async ask(keys: string[], waiting: Map<string, Waiter<V>[]>): Promise<void> {
    try {
      const found = await this.readMany(keys);
      for (const key of keys) for (const w of waiting.get(key)!) w.resolve(found.get(key));
    } catch (error) {
      for (const key of keys) for (const w of waiting.get(key)!) w.reject(error);
    }
  }
}
