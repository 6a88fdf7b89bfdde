import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { PerTurnGroups } from "./per-turn";
import { createCounter, type SharedStore } from "./rate-limit";

type Asker = (retryAfterSeconds: number) => void;

/**
 * WebSocket upgrades per client address per window (UPGRADE_RATE_LIMIT per
 * UPGRADE_RATE_WINDOW_SECONDS), checked before the token is even looked at.
 * Like sends: shared by all sidecars through Redis when there is one (an
 * in-memory insurance limiter while it is down), per process otherwise; the
 * upgrades of one address in one event-loop turn cost one call (a reconnect
 * storm behind one NAT is one Redis round trip per turn, not thousands).
 * If the store fails outright the upgrade is let through: this limit guards
 * CPU, it must not turn a Redis hiccup into an outage.
 */
export class UpgradeLimiter {
  private limiter: RateLimiterAbstract;
  private waiting = new PerTurnGroups<Asker>((groups) => {
    for (const [address, askers] of groups) void this.consumeFor(address, askers);
  });

  constructor(
    private points: number,
    windowSeconds: number,
    shared?: SharedStore,
  ) {
    this.limiter = createCounter("upgrade", points, windowSeconds, shared);
  }

  /** 0 when this upgrade may go ahead, else the seconds until the address may try again. */
  retryAfter(address: string): Promise<number> {
    return new Promise((resolve) => this.waiting.add(address, resolve));
  }

  private async consumeFor(address: string, askers: Asker[]): Promise<void> {
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(address, askers.length);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return askers.forEach((resolve) => resolve(0));
      res = error;
    }
    const before = res.consumedPoints - askers.length;
    const wait = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    askers.forEach((resolve, i) => resolve(before + i + 1 <= this.points ? 0 : wait));
  }
}
