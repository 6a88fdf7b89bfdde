import { z } from "zod";

/*
 * Server configuration, validated on first use rather than at import time:
 * `next build` imports every route module and must succeed with no env set.
 */
const intFromEnv = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  DATABASE_URL: z.string().min(1, "is required"),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters"),
  NEXTAUTH_URL: z.url().optional(),
  REALTIME_PORT: intFromEnv(3001, 1, 65535),
  REALTIME_PUBLIC_URL: z
    .url()
    .refine((u) => /^wss?:\/\//.test(u), "must start with ws:// or wss://")
    .optional(),
  LOGIN_MAX_FAILURES: intFromEnv(10, 1, 1_000_000),
  LOGIN_LOCK_SECONDS: intFromEnv(900, 1, 86_400 * 30),
  BCRYPT_COST: intFromEnv(11, 4, 15),
  // Proxies in front of the web app whose X-Forwarded-For entries are trusted (0: the socket's address).
  TRUSTED_PROXY_HOPS: intFromEnv(0, 0, 10),
  SIGNUP_RATE_LIMIT: intFromEnv(20, 1, 1_000_000),
  MAX_ROOMS_PER_USER: intFromEnv(100, 1, 1_000_000),
  // A session ends this long after its last refresh; refreshed (sliding) at most once per update age while in use.
  SESSION_MAX_AGE_SECONDS: intFromEnv(7 * 86_400, 300, 365 * 86_400),
  SESSION_UPDATE_AGE_SECONDS: intFromEnv(86_400, 0, 365 * 86_400),
}).refine((e) => e.SESSION_UPDATE_AGE_SECONDS < e.SESSION_MAX_AGE_SECONDS, {
  path: ["SESSION_UPDATE_AGE_SECONDS"],
  message: "must be less than SESSION_MAX_AGE_SECONDS",
});

export type ServerEnv = z.infer<typeof envSchema>;

let cached: ServerEnv | undefined;

/** The validated env; throws an error naming every bad variable. */
export function getEnv(): ServerEnv {
  if (cached) return cached;
  const result = envSchema.safeParse(readRaw());
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
    throw new Error(`Invalid server environment: ${problems.join("; ")}`);
  }
  cached = result.data;
  return cached;
}

/** Empty strings count as unset, so `FOO=` in a .env file falls back to the default. */
function readRaw(): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = process.env[key];
    raw[key] = value === undefined || value === "" ? undefined : value;
  }
  return raw;
}

/** next-auth uses secure (`__Secure-`/`__Host-`) cookie names when its URL is https. */
export function usesSecureCookies(): boolean {
  return getEnv().NEXTAUTH_URL?.startsWith("https://") ?? false;
}
