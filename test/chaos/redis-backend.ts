import { mkdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "../support/ports";
import { PrivateRedis } from "../support/private-redis";
import { PrivateRedisCluster } from "../support/private-redis-cluster";

export type RedisKind = "single" | "cluster";

/**
 * The chaos run's own Redis, one server or a 3-master Redis Cluster, with its
 * outage: the single server stops for a while; in the cluster one master is
 * kill -9'd and started again (no replicas: its slots are gone meanwhile).
 */
export type RedisBackend = {
  kind: RedisKind;
  /** For the sidecars: REDIS_URL and, for the cluster, REDIS_MODE. */
  env: Record<string, string>;
  goDown(): Promise<string>;
  comeBack(): Promise<string>;
  stop(): Promise<void>;
};

export async function startRedisBackend(kind: RedisKind, workDir: string): Promise<RedisBackend> {
  if (kind === "single") {
    const redis = new PrivateRedis(await freePort(), workDir);
    await redis.start();
    return {
      kind,
      env: { REDIS_URL: redis.url },
      goDown: async () => (await redis.stop(), "redis stop"),
      comeBack: async () => (await redis.start(), "redis back"),
      stop: () => redis.stop(),
    };
  }
  const dir = path.join(workDir, "redis-cluster");
  mkdirSync(dir);
  const cluster = await PrivateRedisCluster.start({ dir });
  const victim = cluster.ports.at(-1)!;
  return {
    kind,
    env: { REDIS_URL: cluster.url, REDIS_MODE: "cluster" },
    goDown: async () => (await cluster.killNode(victim), `kill -9 redis master :${victim}`),
    comeBack: async () => (await cluster.startNode(victim), await cluster.waitUntilOk(), `redis master :${victim} back, cluster ok`),
    stop: () => cluster.stop(),
  };
}
