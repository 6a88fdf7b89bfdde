import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { deleteKeys, sharedRedisUrl } from "../../realtime/test/cluster-helpers";
import { createTestDatabase, testServerUrl, type TestDatabase } from "../db";
import { startWatchedSidecar, type WatchedSidecar } from "./sidecar-process";

export type FuzzStack = { db: TestDatabase; sidecar: WatchedSidecar; stop(): Promise<void> };

/**
 * A throwaway database and one sidecar process with the machine's Redis (the
 * production set-up: shared limits, broker, room cursors), under a key
 * prefix of its own.
 */
export async function startFuzzStack(env: Record<string, string>): Promise<FuzzStack> {
  const db = await createTestDatabase("chat_fuzz");
  await withoutCommitFlush(db.url);
  const keyPrefix = `fuzz-${randomBytes(5).toString("hex")}:`;
  const sidecar = await startWatchedSidecar(db.url, { REDIS_URL: sharedRedisUrl, REDIS_KEY_PREFIX: keyPrefix, ...env });
  return {
    db,
    sidecar,
    stop: async () => {
      await sidecar.stop("SIGKILL");
      await db.drop();
      await deleteKeys(sharedRedisUrl, keyPrefix);
    },
  };
}

/**
 * This database is thrown away after the run, and what is fuzzed is the
 * protocol, not durability: commits need not wait for the WAL flush, which on
 * a busy CI box would otherwise set the pace of every write frame.
 */
async function withoutCommitFlush(url: string): Promise<void> {
  const admin = postgres(testServerUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`alter database "${new URL(url).pathname.slice(1)}" set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
}
