import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimits } from "@/db/schema";
import { getDb } from "./db";
import { jsonError } from "./http";

/*
 * Web-side limits (sign-in failures, sign-ups per address) count in
 * PostgreSQL through rate-limiter-flexible's RateLimiterDrizzle: one atomic
 * INSERT ... ON CONFLICT DO UPDATE ... RETURNING per consume, so parallel
 * attempts on one or many web processes cannot all pass a check-then-record
 * gap. Why PostgreSQL rather than Redis: the web app always has it (Redis is
 * optional and the web app had no client), one store means one tested path,
 * and an attempt is already a database read plus a bcrypt hash, next to which
 * one upsert is nothing. (RateLimiterPostgres needs the `pg`/knex drivers;
 * ours is `postgres` under Drizzle.)
 */
type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration?: number };

export function sharedLimiter(options: LimiterOptions): RateLimiterDrizzle {
  return new RateLimiterDrizzle({ storeClient: getDb(), schema: rateLimits, ...options });
}

/** What a rejected consume carries: how long until the key may try again. */
export function isLimited(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}

export function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** The house answer over a limit: 429 `{"error":"rate_limited","retryAfter"}` with Retry-After. */
export function rateLimitedResponse(retryAfter: number): Response {
  const response = jsonError(429, "rate_limited", { retryAfter });
  response.headers.set("Retry-After", String(retryAfter));
  return response;
}

/**
 * A limit of `points()` attempts a minute per user, shared by every web
 * process. The function counts an attempt and answers 0 when it is allowed,
 * else the seconds until the user may try again.
 */
export function perUserMinuteLimit(keyPrefix: string, points: () => number): (userId: string) => Promise<number> {
  let limiter: RateLimiterDrizzle | undefined;
  return async (userId) => {
    limiter ??= sharedLimiter({ keyPrefix, points: points(), duration: 60 });
    try {
      await limiter.consume(`user:${userId}`);
      return 0;
    } catch (error) {
      if (isLimited(error)) return retryAfterSeconds(error);
      throw error;
    }
  };
}
