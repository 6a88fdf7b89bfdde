import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { Redis } from "ioredis";
import { waitFor } from "../../test/wait-for";
import { startSidecarProcess } from "../../test/support/sidecar";
import { presenceHolders, startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeRoom, makeUser, secret, TestClient, type TestUser } from "./helpers";

/*
 * Presence across sidecars with short timings: heartbeat 250 ms, TTL 3 s, grace 3 s.
 * Both sidecars of the stack live in this one process: a stall of the process
 * longer than TTL minus heartbeat would let one sidecar read the other's
 * entries as expired, so the TTL leaves room for a busy box.
 */
const timings = { PRESENCE_HEARTBEAT_MS: "250", PRESENCE_TTL_MS: "3000", PRESENCE_GRACE_MS: "3000", PRESENCE_INTERVAL_MS: "100" };
let stack: ClusterStack;
let redis: Redis;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  stack = await startClusterStack({ env: timings, limits: { presenceIntervalMs: 100 } });
  redis = new Redis(stack.config.cluster.redisUrl!);
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
});
afterEach(closeClients);
after(async () => {
  redis.disconnect();
  await stopClusterStack(stack);
});

const names = (f: { online?: { username: string }[] }) => f.online?.map((u) => u.username).sort() ?? [];

test("users of a sidecar killed with SIGKILL drop out of presence once their TTL passes", async () => {
  const env = { ...timings, REDIS_URL: stack.config.cluster.redisUrl!, REDIS_KEY_PREFIX: stack.keyPrefix };
  const child = await startSidecarProcess({ databaseUrl: stack.db.url, secret, env });
  try {
    const room = await makeRoom(stack, alice);
    const b = await TestClient.connect(stack.ports[0]!, bob);
    await b.subscribe(room.id);
    const a = await TestClient.connect(child.port, alice);
    await a.subscribe(room.id);
    await b.next("presence", (f) => f.count === 2);
    b.frames.length = 0;
    await child.stop("SIGKILL");
    // Nothing removes them (the process is gone): only their TTL can. The wait allows for a busy box.
    const gone = await b.next("presence", (f) => f.count === 1 && names(f).join() === "bob", 30_000);
    assert.deepEqual(names(gone), ["bob"]);
  } finally {
    await child.stop("SIGKILL");
  }
});

test("a reload on the same sidecar or a reconnect to another one within the grace never shows the user offline", async () => {
  const [portA, portB] = stack.ports as [number, number];
  const room = await makeRoom(stack, alice);
  const watcher = await TestClient.connect(portB, bob);
  await watcher.subscribe(room.id);
  let a = await TestClient.connect(portA, alice);
  await a.subscribe(room.id);
  await watcher.next("presence", (f) => names(f).includes("alice"));
  const [onA, ...others] = await presenceHolders(redis, stack, room.id, alice.id);
  assert.ok(onA && others.length === 0, "only sidecar A holds alice");

  // A reload takes longer than a presence frame would (interval 100 ms), yet well inside the grace (3 s).
  const reconnect = async (port: number) => {
    a.close();
    await a.waitClosed();
    await pause(400);
    a = await TestClient.connect(port, alice);
    await a.subscribe(room.id);
    await a.next("presence"); // her own snapshot: she has joined
  };
  await reconnect(portA); // a page reload
  await reconnect(portB); // the balancer sends the next connection elsewhere
  // Once A's grace has run out, A lets her go and only B holds her. Whatever B
  // makes of that change reaches the watcher before carol's arrival does.
  await waitFor(async () => {
    const holders = await presenceHolders(redis, stack, room.id, alice.id);
    assert.ok(holders.length === 1 && holders[0] !== onA, `alice held by ${holders.join()}`);
  }, { timeoutMs: 30_000, intervalMs: 100 });
  const carol = await makeUser(stack, "carol");
  const c = await TestClient.connect(portA, carol);
  await c.subscribe(room.id);
  await watcher.next("presence", (f) => f.count === 3);
  // Frames before alice first appeared (bob alone, perhaps more than once) say nothing about a flicker.
  const frames = watcher.all("presence");
  const since = frames.findIndex((f) => names(f).includes("alice"));
  for (const frame of frames.slice(since)) assert.ok(names(frame).includes("alice"), JSON.stringify(frames.map(names)));
  for (const client of [watcher, a, c]) client.close();
});

/** A reload's gap: part of the scenario, not a wait for anything. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
