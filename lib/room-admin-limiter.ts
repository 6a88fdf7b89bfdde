import type { RateLimiterDrizzle } from "rate-limiter-flexible";
import { getEnv } from "./env";
import { isLimited, rateLimitedResponse, retryAfterSeconds, sharedLimiter } from "./rate-limits";

/*
 * Room membership changes (remove a member, leave, rename, delete) per user:
 * ROOM_ADMIN_RATE_LIMIT a minute, shared by every web process
 * (lib/rate-limits.ts). Every attempt counts, refused or not, taken before the
 * database is touched: each one that succeeds wakes every sidecar (NOTIFY).
 */
const holder = globalThis as typeof globalThis & { __chatRoomAdminLimiter?: RateLimiterDrizzle };

function limiter(): RateLimiterDrizzle {
  holder.__chatRoomAdminLimiter ??= sharedLimiter({ keyPrefix: "room-admin", points: getEnv().ROOM_ADMIN_RATE_LIMIT, duration: 60 });
  return holder.__chatRoomAdminLimiter;
}

/** 0 when the user may make a change now, else the seconds until they may. */
export async function roomAdminRetryAfter(userId: string): Promise<number> {
  try {
    await limiter().consume(`user:${userId}`);
    return 0;
  } catch (error) {
    if (isLimited(error)) return retryAfterSeconds(error);
    throw error;
  }
}

/** For route handlers: null when allowed, else the house 429. */
export async function refuseRoomAdminOverLimit(userId: string): Promise<Response | null> {
  const retryAfter = await roomAdminRetryAfter(userId);
  return retryAfter > 0 ? rateLimitedResponse(retryAfter) : null;
}
