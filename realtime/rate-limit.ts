import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/** How many refused sends inside one window count as abuse (close 4008). */
const abuseAfterRefusals = 5;

export type SendVerdict = "ok" | "limited" | "abuse";

/** With Redis the limit is per user across all sidecars; keys are `<keyPrefix>send:<userId>`. */
export type SharedStore = { client: Redis; keyPrefix: string };

/**
 * Sends per user per window. Without Redis, per process (one sidecar is
 * everyone). With Redis, shared by all sidecars; while Redis is down an
 * in-memory insurance limiter takes over, so sends are still limited (per
 * sidecar) rather than refused or unlimited. Refused attempts still count
 * (consumedPoints keeps growing), which is how "five times over" is seen.
 */
export class SendLimiter {
  private limiter: RateLimiterAbstract;

  constructor(
    private points: number,
    windowSeconds: number,
    shared?: SharedStore,
  ) {
    const memory = new RateLimiterMemory({ points, duration: windowSeconds });
    this.limiter = shared
      ? new RateLimiterRedis({
          storeClient: shared.client,
          keyPrefix: `${shared.keyPrefix}send`,
          points,
          duration: windowSeconds,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
  }

  async consume(userId: string): Promise<SendVerdict> {
    try {
      await this.limiter.consume(userId);
      return "ok";
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return error.consumedPoints - this.points >= abuseAfterRefusals ? "abuse" : "limited";
    }
  }

  /** Give a point back: the send turned out to repeat a stored clientMsgId. */
  async refund(userId: string): Promise<void> {
    await this.limiter.reward(userId, 1);
  }
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
