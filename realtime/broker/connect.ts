import type { Logger } from "pino";
import type { RealtimeConfig } from "../env";
import type { Broker } from "./broker";
import { RedisBroker } from "./redis";
import { createRedisClient, type RedisCommands } from "./redis-client";
import { createClusterClient, createNodeClient } from "./redis-cluster-client";
import { redisNames, type RedisNames } from "./names";
import { ShardedBroker } from "./sharded";

export type RedisConnection = { commands: RedisCommands; broker: Broker; names: RedisNames };

/** REDIS_MODE picks the deployment: one Redis (PUBLISH/SUBSCRIBE) or a Redis Cluster (sharded pub/sub). */
export function connectRedis(settings: RealtimeConfig["cluster"], url: string, origin: string, log: Logger): RedisConnection {
  const { keyPrefix } = settings;
  if (settings.redisMode === "cluster") {
    const commands = createClusterClient(url, settings.seeds, `${origin}-cmd`, log);
    const connectNode = (nodeKey: string) => createNodeClient(url, nodeKey, `${origin}-ssub`, log);
    return { commands, broker: new ShardedBroker({ keyPrefix, origin, commands, connectNode, log }), names: redisNames(keyPrefix, true) };
  }
  const commands = createRedisClient(url, `${origin}-cmd`, log);
  return { commands, broker: new RedisBroker({ url, keyPrefix, origin, commands, log }), names: redisNames(keyPrefix, false) };
}
