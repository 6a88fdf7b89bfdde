import { hostname } from "node:os";
import { z } from "zod";
import { defaultLimits } from "../protocol";

/*
 * The sidecar's whole configuration, parsed once at boot. A bad value throws a
 * ConfigError naming the variable and why; main.ts prints it and exits 1, so a
 * typo never turns into a silently different limit.
 */
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const int = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number("must be a whole number")
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );
const port = (fallback: number) => int(fallback, 0, 65535);

const realtimeEnv = z.object({
  DATABASE_URL: z.string("is required").pipe(z.url("must be a URL such as postgres://user@host:5432/db")),
  NEXTAUTH_SECRET: z.string("is required").min(16, "must be at least 16 characters"),
  REALTIME_HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  REALTIME_PORT: port(3001),
  WEB_PORT: port(3000),
  ALLOWED_ORIGINS: z.preprocess(blankToUndefined, z.string().optional()),
  NODE_ID: z.preprocess(blankToUndefined, z.string().max(128).optional()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  MAX_FRAME_BYTES: int(defaultLimits.frameBytes, 256),
  MAX_BODY_CODE_POINTS: int(defaultLimits.bodyCodePoints),
  SEND_RATE_LIMIT: int(defaultLimits.sendsPerWindow),
  SEND_RATE_WINDOW_SECONDS: int(defaultLimits.sendWindowSeconds),
  TYPING_INTERVAL_MS: int(defaultLimits.typingIntervalMs, 0),
  RECOVER_MAX_CHANGES: int(defaultLimits.recoverMaxChanges, 0),
  PRESENCE_LIST_MAX: int(defaultLimits.presenceListMax, 0),
  PRESENCE_INTERVAL_MS: int(1000, 10),
  BATCH_MAX_MESSAGES: int(256, 1, 10_000),
  BATCH_WINDOW_MS: int(2, 0, 1000),
});

export type RealtimeLimits = {
  maxFrameBytes: number;
  maxBodyCodePoints: number;
  sendRateLimit: number;
  sendRateWindowSeconds: number;
  typingIntervalMs: number;
  recoverMaxChanges: number;
  presenceListMax: number;
  presenceIntervalMs: number;
};

export type RealtimeConfig = {
  databaseUrl: string;
  nextAuthSecret: string;
  host: string;
  /** 0 picks any free port (tests). */
  port: number;
  allowedOrigins: string[];
  nodeId: string;
  logLevel: string;
  limits: RealtimeLimits;
  batch: { maxMessages: number; windowMs: number };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Origins compare as scheme://host[:port], lower case, no trailing slash. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, "");
}

export function loadRealtimeConfig(env: Record<string, string | undefined> = process.env): RealtimeConfig {
  const parsed = realtimeEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  const origins = e.ALLOWED_ORIGINS ?? `http://127.0.0.1:${e.WEB_PORT},http://localhost:${e.WEB_PORT}`;
  return {
    databaseUrl: e.DATABASE_URL,
    nextAuthSecret: e.NEXTAUTH_SECRET,
    host: e.REALTIME_HOST,
    port: e.REALTIME_PORT,
    allowedOrigins: origins.split(",").map(normalizeOrigin).filter(Boolean),
    nodeId: e.NODE_ID ?? `${hostname()}:${e.REALTIME_PORT}`,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxFrameBytes: e.MAX_FRAME_BYTES,
      maxBodyCodePoints: e.MAX_BODY_CODE_POINTS,
      sendRateLimit: e.SEND_RATE_LIMIT,
      sendRateWindowSeconds: e.SEND_RATE_WINDOW_SECONDS,
      typingIntervalMs: e.TYPING_INTERVAL_MS,
      recoverMaxChanges: e.RECOVER_MAX_CHANGES,
      presenceListMax: e.PRESENCE_LIST_MAX,
      presenceIntervalMs: e.PRESENCE_INTERVAL_MS,
    },
    batch: { maxMessages: e.BATCH_MAX_MESSAGES, windowMs: e.BATCH_WINDOW_MS },
  };
}
