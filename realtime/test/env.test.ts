import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../config/parse-env";
import { runToEnd } from "../../test/support/processes";
import { sidecarArgs } from "../../test/support/sidecar";
import { loadRealtimeConfig } from "../env";

const required = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/chat", NEXTAUTH_SECRET: "0123456789abcdef" };

test("defaults follow the contract", () => {
  const config = loadRealtimeConfig({ ...required, WEB_PORT: "3200" });
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.port, 3001);
  assert.deepEqual(config.allowedOrigins, ["http://127.0.0.1:3200", "http://localhost:3200"]);
  assert.ok(config.nodeId.endsWith(":3001"));
  assert.deepEqual(config.limits, {
    maxFrameBytes: 16384,
    maxBodyCodePoints: 4000,
    sendRateLimit: 20,
    sendRateWindowSeconds: 10,
    editRateLimit: 30,
    deleteRateLimit: 30,
    reactRateLimit: 30,
    readRateLimit: 200,
    subscribeRateLimit: 100,
    frameRateWindowSeconds: 10,
    maxReactionsPerMessage: 20,
    maxRoomsPerSocket: 100,
    typingIntervalMs: 2000,
    recoverMaxChanges: 1000,
    presenceListMax: 200,
    presenceIntervalMs: 1000,
  });
  assert.deepEqual(config.batch, { maxMessages: 256, windowMs: 0, lanes: 4 });
  assert.deepEqual(config.cluster, { redisUrl: undefined, keyPrefix: "chat:", redisMode: "single", seeds: [] });
  assert.deepEqual(config.presence, { graceMs: 3000, heartbeatMs: 5000, ttlMs: 15000 });
  assert.equal(config.maxBackpressureBytes, 1024 * 1024);
  assert.deepEqual(config.socketMemory, { replayDrainTimeoutMs: 10_000, replayBufferBytes: 1024 * 1024, maxQueuedBytes: 1024 * 1024 });
  assert.deepEqual(config.catchUp, { graceMs: 300, sweepMs: 5000, pollMs: 1000 });
});

test("cluster settings: REDIS_URL must be a redis URL; the presence TTL must outlast two heartbeats", () => {
  const config = loadRealtimeConfig({ ...required, REDIS_URL: "redis://127.0.0.1:6380", REDIS_KEY_PREFIX: "t1:" });
  assert.deepEqual(config.cluster, { redisUrl: "redis://127.0.0.1:6380", keyPrefix: "t1:", redisMode: "single", seeds: [] });
  assert.throws(() => loadRealtimeConfig({ ...required, REDIS_URL: "http://x" }), /REDIS_URL: must start with redis:/);
  assert.throws(
    () => loadRealtimeConfig({ ...required, PRESENCE_HEARTBEAT_MS: "5000", PRESENCE_TTL_MS: "6000" }),
    /PRESENCE_TTL_MS: must be at least twice PRESENCE_HEARTBEAT_MS/,
  );
  assert.throws(() => loadRealtimeConfig({ ...required, MAX_BACKPRESSURE_BYTES: "10" }), /MAX_BACKPRESSURE_BYTES: must be at least/);
});

test("Redis Cluster: REDIS_MODE=cluster needs a seed in REDIS_URL, a prefix without braces, host:port extra seeds", () => {
  const env = { ...required, REDIS_URL: "redis://127.0.0.1:7000", REDIS_MODE: "cluster", REDIS_CLUSTER_NODES: "127.0.0.1:7001, 10.0.0.5:7002" };
  assert.deepEqual(loadRealtimeConfig(env).cluster, {
    redisUrl: "redis://127.0.0.1:7000",
    keyPrefix: "chat:",
    redisMode: "cluster",
    seeds: ["127.0.0.1:7001", "10.0.0.5:7002"],
  });
  assert.throws(() => loadRealtimeConfig({ ...required, REDIS_MODE: "cluster" }), /REDIS_MODE: cluster needs REDIS_URL/);
  assert.throws(() => loadRealtimeConfig({ ...required, REDIS_MODE: "sharded" }), /REDIS_MODE: must be one of single, cluster/);
  assert.throws(() => loadRealtimeConfig({ ...env, REDIS_KEY_PREFIX: "{app}:" }), /REDIS_KEY_PREFIX: must not contain \{ or \}/);
  assert.throws(() => loadRealtimeConfig({ ...env, REDIS_CLUSTER_NODES: "127.0.0.1" }), /REDIS_CLUSTER_NODES: must be host:port entries/);
  assert.throws(() => loadRealtimeConfig({ ...required, REDIS_CLUSTER_NODES: "127.0.0.1:7001" }), /REDIS_CLUSTER_NODES: needs REDIS_MODE=cluster/);
});

test("socket memory caps: parsed, bounded, and the queue must fit one largest frame", () => {
  const config = loadRealtimeConfig({ ...required, REPLAY_DRAIN_TIMEOUT_MS: "500", REPLAY_BUFFER_MAX_BYTES: "65536", MAX_QUEUED_BYTES: "20000" });
  assert.deepEqual(config.socketMemory, { replayDrainTimeoutMs: 500, replayBufferBytes: 65536, maxQueuedBytes: 20000 });
  assert.throws(() => loadRealtimeConfig({ ...required, REPLAY_DRAIN_TIMEOUT_MS: "0" }), /REPLAY_DRAIN_TIMEOUT_MS: must be at least 100/);
  assert.throws(() => loadRealtimeConfig({ ...required, REPLAY_BUFFER_MAX_BYTES: "lots" }), /REPLAY_BUFFER_MAX_BYTES: must be a whole number/);
  assert.throws(() => loadRealtimeConfig({ ...required, MAX_QUEUED_BYTES: "10000" }), /MAX_QUEUED_BYTES: must be at least MAX_FRAME_BYTES/);
});

test("values from env are parsed; origins normalised", () => {
  const config = loadRealtimeConfig({
    ...required,
    REALTIME_PORT: "0",
    ALLOWED_ORIGINS: "https://Chat.Example/, http://127.0.0.1:3000",
    SEND_RATE_LIMIT: "1000",
    NODE_ID: "node-a",
  });
  assert.equal(config.port, 0);
  assert.deepEqual(config.allowedOrigins, ["https://chat.example", "http://127.0.0.1:3000"]);
  assert.equal(config.limits.sendRateLimit, 1000);
  assert.equal(config.nodeId, "node-a");
});

test("a bad value throws a ConfigError naming the variable and why", () => {
  assert.throws(
    () => loadRealtimeConfig({ ...required, REALTIME_PORT: "eighty" }),
    (error: unknown) => error instanceof ConfigError && /REALTIME_PORT: must be a whole number/.test(error.message),
  );
  assert.throws(() => loadRealtimeConfig({ ...required, REALTIME_PORT: "70000" }), /REALTIME_PORT: must be at most 65535/);
  assert.throws(() => loadRealtimeConfig({ ...required, NEXTAUTH_SECRET: "short" }), /NEXTAUTH_SECRET: must be at least 16/);
  assert.throws(() => loadRealtimeConfig({ NEXTAUTH_SECRET: required.NEXTAUTH_SECRET }), /DATABASE_URL: is required/);
  assert.throws(() => loadRealtimeConfig({ ...required, REACT_RATE_LIMIT: "0" }), /REACT_RATE_LIMIT: must be at least 1/);
  assert.throws(() => loadRealtimeConfig({ ...required, MAX_ROOMS_PER_SOCKET: "lots" }), /MAX_ROOMS_PER_SOCKET: must be a whole number/);
});

test("main.ts prints the problem and exits 1", async () => {
  const result = await runToEnd({ command: process.execPath, args: sidecarArgs, env: { ...required, REALTIME_PORT: "eighty" } });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /REALTIME_PORT: must be a whole number/);
});

test("connection limits: defaults, values from env, bad values named", () => {
  assert.deepEqual(loadRealtimeConfig(required).connections, {
    upgradeRateLimit: 256,
    upgradeRateWindowSeconds: 60,
    maxSocketsPerUser: 16,
    maxSocketsPerAddress: 256,
    trustedProxyHops: 0,
  });
  const config = loadRealtimeConfig({ ...required, UPGRADE_RATE_LIMIT: "5", MAX_SOCKETS_PER_USER: "2", TRUSTED_PROXY_HOPS: "1" });
  assert.equal(config.connections.upgradeRateLimit, 5);
  assert.equal(config.connections.maxSocketsPerUser, 2);
  assert.equal(config.connections.trustedProxyHops, 1);
  assert.throws(() => loadRealtimeConfig({ ...required, MAX_SOCKETS_PER_ADDRESS: "0" }), /MAX_SOCKETS_PER_ADDRESS: must be at least 1/);
  assert.throws(() => loadRealtimeConfig({ ...required, TRUSTED_PROXY_HOPS: "-1" }), /TRUSTED_PROXY_HOPS: must be at least 0/);
  assert.throws(() => loadRealtimeConfig({ ...required, UPGRADE_RATE_LIMIT: "many" }), /UPGRADE_RATE_LIMIT: must be a whole number/);
});
