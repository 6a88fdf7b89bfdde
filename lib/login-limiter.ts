import type { RateLimiterDrizzle } from "rate-limiter-flexible";
import { addressKey } from "./client-address";
import { getEnv } from "./env";
import { isLimited, retryAfterSeconds, sharedLimiter } from "./rate-limits";

/*
 * Sign-in attempts are counted per username and per client address, in
 * PostgreSQL shared by every web process (lib/rate-limits.ts). The point is
 * taken atomically BEFORE the password is checked and given back when it was
 * right, so only failures stay counted, and of N parallel attempts at most
 * LOGIN_MAX_FAILURES ever reach bcrypt. The next attempt locks that username
 * (or address) for LOGIN_LOCK_SECONDS, right password or not, so a locked
 * account is no password oracle.
 */
const holder = globalThis as typeof globalThis & { __chatLoginLimiter?: RateLimiterDrizzle };

function limiter(): RateLimiterDrizzle {
  const { LOGIN_MAX_FAILURES: points, LOGIN_LOCK_SECONDS: seconds } = getEnv();
  holder.__chatLoginLimiter ??= sharedLimiter({ keyPrefix: "login", points, duration: seconds, blockDuration: seconds });
  return holder.__chatLoginLimiter;
}

/** address is null when the server could not tell it (lib/client-address.ts); the username still counts. */
export type LoginKeys = { username: string; address: string | null };

export type LoginTicket = { ok: true; giveBack: () => Promise<void> } | { ok: false; retryAfter: number };

function keysOf({ username, address }: LoginKeys): string[] {
  return [`user:${username}`, ...(address ? [`ip:${addressKey(address)}`] : [])];
}

/** Take one attempt from every key, or none: a refused attempt checks no password, so it costs nothing. */
export async function takeLoginAttempt(who: LoginKeys): Promise<LoginTicket> {
  const keys = keysOf(who);
  const results = await Promise.allSettled(keys.map((key) => limiter().consume(key)));
  const taken = keys.filter((_, i) => results[i]!.status === "fulfilled");
  const refusals = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  if (refusals.length === 0) return { ok: true, giveBack: () => giveBack(taken) };
  await giveBack(taken);
  const failure = refusals.find((r) => !isLimited(r));
  if (failure) throw failure; // the store failed: refuse rather than check a password unlimited
  return { ok: false, retryAfter: Math.max(...refusals.filter(isLimited).map(retryAfterSeconds)) };
}

async function giveBack(keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => limiter().reward(key)));
}

/** Normalise the typed username the same way for lookups and limiter keys. */
export function normaliseUsername(raw: unknown): string {
  return typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 64) : "";
}
