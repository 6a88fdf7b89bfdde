import { RateLimiterMemory } from "rate-limiter-flexible";
import { getEnv } from "./env";

/*
 * Failed sign-ins are counted per username and per client address. After
 * LOGIN_MAX_FAILURES failures inside LOGIN_LOCK_SECONDS, that username (or
 * address) is locked for LOGIN_LOCK_SECONDS from the last failure, and every
 * attempt is refused with 429 before the password is even checked, so a
 * locked account cannot be used as a password oracle.
 *
 * In memory: one web process holds the counts. Several web processes would
 * need a shared store (rate-limiter-flexible's Postgres/Drizzle/Redis limiters).
 */
type Limiter = { limiter: RateLimiterMemory; max: number; lockSeconds: number };

const holder = globalThis as typeof globalThis & { __chatLoginLimiter?: Limiter };

function getLimiter(): Limiter {
  if (!holder.__chatLoginLimiter) {
    const { LOGIN_MAX_FAILURES: max, LOGIN_LOCK_SECONDS: lockSeconds } = getEnv();
    const limiter = new RateLimiterMemory({ keyPrefix: "login-fail", points: max, duration: lockSeconds });
    holder.__chatLoginLimiter = { limiter, max, lockSeconds };
  }
  return holder.__chatLoginLimiter;
}

export type LoginKeys = { username: string; address: string };

function keysOf({ username, address }: LoginKeys): string[] {
  const keys = [`ip:${address}`];
  if (username) keys.push(`user:${username}`);
  return keys;
}

/** Seconds until the caller may try again, or 0 when neither key is locked. */
export async function loginRetryAfter(who: LoginKeys): Promise<number> {
  const { limiter, max } = getLimiter();
  let wait = 0;
  for (const key of keysOf(who)) {
    const res = await limiter.get(key);
    if (res && res.consumedPoints >= max) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
  }
  return wait;
}

/** Count one failure against both keys; the one that reaches the limit gets locked. */
export async function recordLoginFailure(who: LoginKeys): Promise<void> {
  const { limiter, max, lockSeconds } = getLimiter();
  for (const key of keysOf(who)) {
    const res = await limiter.penalty(key);
    if (res.consumedPoints >= max) await limiter.block(key, lockSeconds);
  }
}

/** Normalise the typed username the same way for lookups and limiter keys. */
export function normaliseUsername(raw: unknown): string {
  return typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 64) : "";
}

/**
 * The client address. Next.js sets x-forwarded-for from the socket only when
 * it is absent, so without a trusted proxy in front a client can choose it;
 * the per-username limit does not depend on it. With one proxy that appends,
 * the last entry is the address that proxy saw.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last || headers.get("x-real-ip") || "unknown";
}
