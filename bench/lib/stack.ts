import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { freePort, waitForHealthy } from "../../test/support/processes";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { benchSecret } from "./seed";
import { profileFlags, spawnNode, type BenchProc } from "./spawn";
import { benchLimitsOff } from "./limits-off";

/*
 * The system under test as separate processes: a fresh migrated database on
 * the machine's PostgreSQL and one or more sidecars (`node --import tsx
 * realtime/main.ts`), with auth, validation, persistence and, given a Redis
 * URL, the Redis broker on. The send rate limit is lifted: the bench measures
 * throughput, not the abuse guard.
 */
export const machineRedisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

export type SidecarProc = BenchProc & { port: number; url: string };

export function createBenchDatabase(): Promise<TestDatabase> {
  return createTestDatabase("chat_bench");
}

/**
 * CHECKPOINT: the dirty pages earlier scenarios (or the seeding) left are
 * written now, so a checkpoint they triggered does not land in the middle of
 * this measurement's commits.
 */
export async function checkpoint(db: TestDatabase): Promise<void> {
  await db.db.execute(sql`checkpoint`);
}

/** A key prefix of its own, so the bench never touches the app's keys on the shared Redis. */
export const uniqueRedisPrefix = () => `bench-${randomBytes(4).toString("hex")}:`;

export type SidecarOptions = {
  databaseUrl: string;
  logDir: string;
  cpus?: string;
  redisUrl?: string;
  redisKeyPrefix?: string;
  env?: Record<string, string>;
  nodeFlags?: string[];
  name?: string;
};

export async function startSidecarProcess(options: SidecarOptions): Promise<SidecarProc> {
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_SECRET: benchSecret,
    REALTIME_HOST: "127.0.0.1",
    REALTIME_PORT: String(port),
    NODE_ID: options.name ?? `bench-sidecar-${port}`,
    LOG_LEVEL: "warn",
    ...benchLimitsOff,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: options.redisKeyPrefix ?? uniqueRedisPrefix() } : {}),
    ...options.env,
  };
  const name = options.name ?? `sidecar-${port}`;
  const nodeFlags = [...(options.nodeFlags ?? []), ...profileFlags()];
  const proc = spawnNode(name, "realtime/main.ts", [], { env, cpus: options.cpus, logDir: options.logDir, nodeFlags });
  try {
    await waitForHealthy(`http://127.0.0.1:${port}/healthz`, 30_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, port, url: `ws://127.0.0.1:${port}/ws` };
}
