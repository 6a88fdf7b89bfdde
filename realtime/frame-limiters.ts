import type { RealtimeLimits } from "./env";
import { UserRateLimiter, type SharedStore } from "./rate-limit";

/**
 * Every client frame that writes or costs the server something is counted
 * per user, each kind against a budget of its own. Not counted: `typing`
 * (throttled and dropped, see Throttle) and `unsubscribe` (it only undoes a
 * subscribe, which is counted).
 */
export type LimitedFrame = "send" | "edit" | "delete" | "react" | "read" | "subscribe";

export type FrameLimiters = Record<LimitedFrame, UserRateLimiter>;

/** One limiter per kind; with Redis each is shared by all sidecars (keys `<prefix><kind>:<userId>`). */
export function createFrameLimiters(limits: RealtimeLimits, shared?: SharedStore): FrameLimiters {
  const frameWindow = limits.frameRateWindowSeconds;
  const limiter = (kind: LimitedFrame, points: number, windowSeconds = frameWindow) =>
    new UserRateLimiter(kind, points, windowSeconds, shared);
  return {
    send: limiter("send", limits.sendRateLimit, limits.sendRateWindowSeconds),
    edit: limiter("edit", limits.editRateLimit),
    delete: limiter("delete", limits.deleteRateLimit),
    react: limiter("react", limits.reactRateLimit),
    read: limiter("read", limits.readRateLimit),
    subscribe: limiter("subscribe", limits.subscribeRateLimit),
  };
}
