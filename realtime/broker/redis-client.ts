import { Redis, type Cluster } from "ioredis";
import type { Logger } from "pino";

/** The command side of either deployment (one Redis or a Redis Cluster): presence, limits and publishes go through it. */
export type RedisCommands = Redis | Cluster;

/*
 * One ioredis connection as the sidecar wants it: while Redis is down a
 * command fails at once (no offline queue that grows without bound or holds a
 * handler hostage), and reconnects are tried at least once a second.
 */
export function createRedisClient(url: string, name: string, log: Logger): Redis {
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    autoResubscribe: false,
    connectTimeout: 2000,
    // A Redis that hangs rather than dies must not stall presence or a send's rate check either.
    commandTimeout: 2000,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
    // Commands of one event-loop turn (a burst of sends' rate checks, publishes) go out in one write.
    enableAutoPipelining: true,
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    // Every reconnect attempt fails the same way during an outage: log each kind of error once.
    if (error.message === lastError) return;
    lastError = error.message;
    log.warn({ err: error, redis: name }, "redis connection error");
  });
  client.on("ready", () => {
    lastError = "";
  });
  return client;
}

/**
 * Resolve when the promise settles or after timeoutMs, whichever is first; never rejects.
 * When the timer fires, I/O that has already arrived is read first (setImmediate runs
 * after the poll phase): after an event-loop stall longer than timeoutMs, timers run
 * before sockets are read, and a reply that came in time would otherwise lose.
 */
export function settleWithin(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => setImmediate(resolve), timeoutMs);
    promise.then(
      () => resolve(),
      () => resolve(),
    ).finally(() => clearTimeout(timer));
  });
}

export async function closeRedisClient(client: RedisCommands): Promise<void> {
  try {
    if (client.status === "ready") await client.quit();
  } catch {
    // Already gone: nothing to say goodbye to.
  }
  client.disconnect();
}
