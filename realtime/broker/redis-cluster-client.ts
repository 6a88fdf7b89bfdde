import { Cluster, type Redis } from "ioredis";
import type { Logger } from "pino";
import { createRedisClient } from "./redis-client";

/*
 * A Redis Cluster client as the sidecar wants it, like createRedisClient:
 * commands fail at once while the cluster is unreachable (no offline queue),
 * a hanging node times out, reconnects are tried at least once a second, and
 * one event-loop turn's commands go out in one write per node. The seeds are
 * REDIS_URL and REDIS_CLUSTER_NODES; the rest of the cluster is discovered.
 */
export function createClusterClient(url: string, seeds: string[], name: string, log: Logger): Cluster {
  const base = new URL(url);
  const nodes = [`${base.hostname}:${base.port || 6379}`, ...seeds].map(hostPort);
  const cluster = new Cluster(nodes, {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    clusterRetryStrategy: (attempt) => Math.min(100 * attempt, 1000),
    retryDelayOnClusterDown: 100,
    retryDelayOnFailover: 100,
    slotsRefreshTimeout: 2000,
    // Topology is re-read this often; a moved slot is also learnt from the first MOVED reply.
    slotsRefreshInterval: 2000,
    redisOptions: {
      connectionName: name,
      username: decodeURIComponent(base.username) || undefined,
      password: decodeURIComponent(base.password) || undefined,
      tls: base.protocol === "rediss:" ? {} : undefined,
      connectTimeout: 2000,
      commandTimeout: 2000,
      maxRetriesPerRequest: 1,
    },
  });
  let lastError = "";
  const warn = (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    log.warn({ err: error, redis: name }, "redis cluster error");
  };
  cluster.on("error", warn);
  cluster.on("node error", warn);
  cluster.on("ready", () => (lastError = ""));
  return cluster;
}

/** One connection to one cluster node (a shard's subscriber), with REDIS_URL's scheme and credentials. */
export function createNodeClient(url: string, nodeKey: string, name: string, log: Logger): Redis {
  const nodeUrl = new URL(url);
  const { host, port } = hostPort(nodeKey);
  nodeUrl.hostname = host;
  nodeUrl.port = String(port);
  return createRedisClient(nodeUrl.toString(), name, log);
}

function hostPort(nodeKey: string): { host: string; port: number } {
  const colon = nodeKey.lastIndexOf(":");
  return { host: nodeKey.slice(0, colon), port: Number(nodeKey.slice(colon + 1)) };
}
