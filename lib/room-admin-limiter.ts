import { getEnv } from "./env";
import { perUserMinuteLimit, rateLimitedResponse } from "./rate-limits";

/*
 * Room membership changes (remove a member, leave, rename, delete) per user:
 * ROOM_ADMIN_RATE_LIMIT a minute, shared by every web process. Every attempt
 * counts, refused or not, taken before the database is touched: each one that
 * succeeds wakes every sidecar (NOTIFY).
 */
export const roomAdminRetryAfter = perUserMinuteLimit("room-admin", () => getEnv().ROOM_ADMIN_RATE_LIMIT);

/** For route handlers: null when allowed, else the house 429. */
export async function refuseRoomAdminOverLimit(userId: string): Promise<Response | null> {
  const retryAfter = await roomAdminRetryAfter(userId);
  return retryAfter > 0 ? rateLimitedResponse(retryAfter) : null;
}
