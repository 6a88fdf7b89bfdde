import type { RateLimiterDrizzle } from "rate-limiter-flexible";
import { getEnv } from "./env";
import { isLimited, retryAfterSeconds, sharedLimiter } from "./rate-limits";

/*
 * Searches per user: SEARCH_RATE_LIMIT a minute, the page and the JSON API
 * together, shared by every web process (lib/rate-limits.ts). A search reads
 * an index over every readable room's messages, so it is not free to repeat.
 */
const holder = globalThis as typeof globalThis & { __chatSearchLimiter?: RateLimiterDrizzle };

function limiter(): RateLimiterDrizzle {
  holder.__chatSearchLimiter ??= sharedLimiter({ keyPrefix: "search", points: getEnv().SEARCH_RATE_LIMIT, duration: 60 });
  return holder.__chatSearchLimiter;
}

/** 0 when this user may search now (and counts it), else the seconds until they may. */
export async function searchRetryAfter(userId: string): Promise<number> {
  try {
    await limiter().consume(`user:${userId}`);
    return 0;
  } catch (error) {
    if (isLimited(error)) return retryAfterSeconds(error);
    throw error;
  }
}
