import { randomBytes } from "node:crypto";
import { get } from "node:http";
import { Redis } from "ioredis";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import type { RealtimeConfig, RealtimeLimits } from "../env";
import { startSidecar, type Sidecar } from "../server";
import { closeClients, makeRoom, TestClient, testConfig, type TestUser } from "./helpers";

/** The machine's shared Redis; tests use it only under a key prefix of their own. */
export const sharedRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type ClusterStack = {
  db: TestDatabase;
  nodes: Sidecar[];
  ports: number[];
  config: RealtimeConfig;
  keyPrefix: string;
};

type Options = { redisUrl?: string; nodes?: number; env?: Record<string, string>; limits?: Partial<RealtimeLimits> };

/** One fresh database and N real sidecars sharing one Redis under a unique key prefix. */
export async function startClusterStack(options: Options = {}): Promise<ClusterStack> {
  const db = await createTestDatabase("chat_rt");
  const keyPrefix = `test-${randomBytes(5).toString("hex")}:`;
  const env = { REDIS_URL: options.redisUrl ?? sharedRedisUrl, REDIS_KEY_PREFIX: keyPrefix, ...options.env };
  const config = testConfig(db.url, { env, limits: options.limits });
  const nodes: Sidecar[] = [];
  for (let i = 0; i < (options.nodes ?? 2); i++) nodes.push(await startSidecar(config));
  return { db, nodes, ports: nodes.map((n) => n.port), config, keyPrefix };
}

/** A fresh public room with `onA` subscribed on the first sidecar and `onB` on the second. */
export async function roomAcrossSidecars(stack: ClusterStack, onA: TestUser, onB: TestUser) {
  const [portA, portB] = stack.ports as [number, number];
  const room = await makeRoom(stack, onA);
  const a = await TestClient.connect(portA, onA);
  const b = await TestClient.connect(portB, onB);
  await a.subscribe(room.id);
  await b.subscribe(room.id);
  return { room, a, b };
}

export async function stopClusterStack(stack: ClusterStack | undefined): Promise<void> {
  closeClients();
  if (!stack) return;
  await Promise.all(stack.nodes.map((node) => node.stop()));
  await stack.db.drop();
  await deleteKeys(stack.config.cluster.redisUrl!, stack.keyPrefix);
}

/** Leave the shared Redis as we found it. */
export async function deleteKeys(url: string, keyPrefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } catch {
    // A private Redis already stopped: nothing to clean.
  } finally {
    redis.disconnect();
  }
}

/**
 * The presence origins (one per sidecar process) holding a user in a room's
 * presence set in Redis, expired or not: what the sidecars have written, which
 * clients cannot see.
 */
export async function presenceHolders(redis: Redis, stack: ClusterStack, roomId: string, userId: string): Promise<string[]> {
  const members = await redis.zrange(`${stack.keyPrefix}presence:${roomId}`, 0, -1);
  return members.filter((m) => m.split("|")[1] === userId).map((m) => m.split("|")[0]!);
}

/** GET /healthz without keep-alive (an idle kept-alive connection would hold the test process open for seconds). */
export function health(port: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on("error", reject);
  });
}
