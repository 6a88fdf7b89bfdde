import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { freePort } from "../../test/support/ports";
import { startSidecarProcess } from "../../test/support/sidecar";
import { benchSecret } from "./seed";
import { profileFlags, wrapCommand, type BenchProc } from "./spawn";
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
  /** CPU list for taskset, e.g. "0"; omitted: not pinned. */
  cpus?: string;
  redisUrl?: string;
  redisKeyPrefix?: string;
  env?: Record<string, string>;
  nodeFlags?: string[];
  name?: string;
  /** Open the inspector on loopback, so the harness can force a full GC (gc.ts). */
  inspect?: boolean;
};

export type BenchSidecar = SidecarProc & { secret: string; inspectPort?: number };

/** The sidecar, optionally pinned (taskset), with room for many sockets (prlimit) and the bench's settings. */
export async function startBenchSidecar(options: SidecarOptions): Promise<BenchSidecar> {
  const name = options.name ?? `bench-sidecar-${randomBytes(3).toString("hex")}`;
  const inspectPort = options.inspect ? await freePort() : undefined;
  const env: Record<string, string> = {
    REALTIME_HOST: "127.0.0.1",
    NODE_ID: name,
    LOG_LEVEL: "warn",
    ...benchLimitsOff,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: options.redisKeyPrefix ?? uniqueRedisPrefix() } : {}),
    ...options.env,
  };
  const sidecar = await startSidecarProcess({
    databaseUrl: options.databaseUrl,
    secret: benchSecret,
    env,
    name,
    nodeFlags: [...(options.nodeFlags ?? []), ...profileFlags(), ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [])],
    wrapCommand: (node) => wrapCommand(node, options.cpus),
    logFile: path.join(options.logDir, `${name}.log`),
    startTimeoutMs: 30_000,
  });
  return { ...sidecar.proc, port: sidecar.port, url: sidecar.url, secret: benchSecret, inspectPort, stop: () => sidecar.stop() };
}
