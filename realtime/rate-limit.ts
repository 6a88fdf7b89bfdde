import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RedisCommands } from "./broker/redis-client";
import { PerTurnGroups } from "./per-turn";

/** How many refused frames of one kind inside one window count as abuse (close 4008). */
const abuseAfterRefusals = 5;

export type Verdict = "ok" | "limited" | "abuse";

/**
 * With Redis the limit is per user across all sidecars; keys are `<keyPrefix><kind>:<userId>`.
 * Each count is one key read and written by one script, so it works unchanged on a Redis Cluster.
 */
export type SharedStore = { client: RedisCommands; keyPrefix: string };

type Asker = { resolve: (verdict: Verdict) => void; reject: (error: unknown) => void };

/**
 * Frames of one kind (sends, edits, reactions, ...) per user per window.
 * Without Redis, per process (one sidecar is everyone). With Redis, shared by
 * all sidecars; while Redis is down an in-memory insurance limiter takes
 * over, so frames are still limited (per sidecar) rather than refused or
 * unlimited. Refused attempts still count (consumedPoints keeps growing),
 * which is how "five times over" is seen.
 *
 * The frames of one user in one event-loop turn are counted with ONE call
 * (consume k points): one Redis round trip per user per turn instead of one
 * per frame (the send path's speed depends on it). Each frame's verdict is
 * the one k calls in a row would have given, read off the running total.
 */
/**
 * A counter of `points` per key per window: in memory, or in Redis (keys
 * `<keyPrefix><name>:<key>`, shared by every sidecar) with an in-memory
 * insurance limiter that takes over while Redis is down, so the limit still
 * holds (per sidecar) instead of refusing everything or nothing.
 */
export function createCounter(name: string, points: number, windowSeconds: number, shared?: SharedStore): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: windowSeconds });
  if (!shared) return memory;
  return new RateLimiterRedis({
    storeClient: shared.client,
    keyPrefix: `${shared.keyPrefix}${name}`,
    points,
    duration: windowSeconds,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

export class UserRateLimiter {
  private limiter: RateLimiterAbstract;
  private waiting = new PerTurnGroups<Asker>((groups) => {
    for (const [userId, askers] of groups) void this.consumeFor(userId, askers);
  });

  constructor(
    kind: string,
    private points: number,
    windowSeconds: number,
    shared?: SharedStore,
  ) {
    this.limiter = createCounter(kind, points, windowSeconds, shared);
  }

  consume(userId: string): Promise<Verdict> {
    return new Promise((resolve, reject) => this.waiting.add(userId, { resolve, reject }));
  }

  /** Give a point back (a send that turned out to repeat a stored clientMsgId). */
  async refund(userId: string): Promise<void> {
    await this.limiter.reward(userId, 1);
  }

  private async consumeFor(userId: string, askers: Asker[]): Promise<void> {
    let total: number;
    try {
      total = (await this.limiter.consume(userId, askers.length)).consumedPoints;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return askers.forEach((a) => a.reject(error));
      total = error.consumedPoints;
    }
    const before = total - askers.length;
    askers.forEach((asker, i) => asker.resolve(verdictAt(before + i + 1, this.points)));
  }
}

/** The verdict of the frame that brought the window's count to `consumed`. */
export function verdictAt(consumed: number, points: number): Verdict {
  if (consumed <= points) return "ok";
  return consumed - points >= abuseAfterRefusals ? "abuse" : "limited";
}

/** At most one event per key per interval; the rest are dropped. */
export class Throttle {
  private last = new Map<string, number>();
  private sweeper: NodeJS.Timeout;

  constructor(private intervalMs: number) {
    // Forget old keys now and then so the map does not grow with every room ever typed in.
    this.sweeper = setInterval(() => this.sweep(), Math.max(intervalMs, 1000) * 10);
    this.sweeper.unref();
  }

  allow(key: string, now = Date.now()): boolean {
    const last = this.last.get(key);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.last.set(key, now);
    return true;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now = Date.now()): void {
    for (const [key, at] of this.last) if (now - at >= this.intervalMs) this.last.delete(key);
  }
}
