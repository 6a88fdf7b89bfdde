import type { RateLimiterDrizzle } from "rate-limiter-flexible";
import { addressKey, clientAddressOf } from "./client-address";
import { getEnv } from "./env";
import { isLimited, retryAfterSeconds, sharedLimiter } from "./rate-limits";

/*
 * Sign-ups per client address: SIGNUP_RATE_LIMIT an hour, shared by every web
 * process (lib/rate-limits.ts). Every well-formed attempt counts, taken before
 * the password is hashed, so neither account farming nor bcrypt work is free.
 */
const holder = globalThis as typeof globalThis & { __chatSignupLimiter?: RateLimiterDrizzle };

function limiter(): RateLimiterDrizzle {
  holder.__chatSignupLimiter ??= sharedLimiter({ keyPrefix: "signup", points: getEnv().SIGNUP_RATE_LIMIT, duration: 3600 });
  return holder.__chatSignupLimiter;
}

/** 0 when this address may sign up now, else the seconds until it may. */
export async function signupRetryAfter(headers: Pick<Headers, "get">): Promise<number> {
  const address = clientAddressOf(headers);
  if (!address) return 0;
  try {
    await limiter().consume(`ip:${addressKey(address)}`);
    return 0;
  } catch (error) {
    if (isLimited(error)) return retryAfterSeconds(error);
    throw error;
  }
}
