import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startChildSidecar } from "./child-sidecar";
import { startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { makeRoom, makeUser, TestClient, type TestUser } from "./helpers";

/* Presence across sidecars with short timings: heartbeat 200 ms, TTL 1 s, grace 1.5 s. */
const timings = { PRESENCE_HEARTBEAT_MS: "200", PRESENCE_TTL_MS: "1000", PRESENCE_GRACE_MS: "1500", PRESENCE_INTERVAL_MS: "100" };
let stack: ClusterStack;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  stack = await startClusterStack({ env: timings, limits: { presenceIntervalMs: 100 } });
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
});
after(() => stopClusterStack(stack));

const names = (f: { online?: { username: string }[] }) => f.online?.map((u) => u.username).sort() ?? [];

test("users of a sidecar killed with SIGKILL drop out of presence once their TTL passes", async () => {
  const child = await startChildSidecar({
    ...timings,
    DATABASE_URL: stack.db.url,
    REDIS_URL: stack.config.cluster.redisUrl!,
    REDIS_KEY_PREFIX: stack.keyPrefix,
  });
  try {
    const room = await makeRoom(stack, alice);
    const b = await TestClient.connect(stack.ports[0]!, bob);
    await b.subscribe(room.id);
    const a = await TestClient.connect(child.port, alice);
    await a.subscribe(room.id);
    await b.next("presence", (f) => f.count === 2);
    b.frames.length = 0;
    await child.kill();
    const killedAt = Date.now();
    const gone = await b.next("presence", (f) => f.count === 1 && names(f).join() === "bob", 5000);
    assert.ok(gone);
    // TTL 1 s plus at most one heartbeat and one coalescing interval.
    assert.ok(Date.now() - killedAt < 3000, `took ${Date.now() - killedAt} ms`);
  } finally {
    await child.kill();
  }
});

test("a reload on the same sidecar or a reconnect to another one within the grace never shows the user offline", async () => {
  const [portA, portB] = stack.ports as [number, number];
  const room = await makeRoom(stack, alice);
  const watcher = await TestClient.connect(portB, bob);
  await watcher.subscribe(room.id);
  let a = await TestClient.connect(portA, alice);
  await a.subscribe(room.id);
  await watcher.next("presence", (f) => f.count === 2);

  // Each reconnect takes longer than a presence frame would (interval 100 ms), yet less than the grace.
  const reconnect = async (port: number) => {
    a.close();
    await a.waitClosed();
    await pause(400);
    a = await TestClient.connect(port, alice);
    await a.subscribe(room.id);
  };
  await reconnect(portA); // a page reload
  await reconnect(portB); // the balancer sends the next connection elsewhere
  // Proving an absence needs a window: past the grace, a heartbeat and the TTL.
  await pause(1800);
  const carol = await makeUser(stack, "carol");
  const c = await TestClient.connect(portA, carol);
  await c.subscribe(room.id);
  await watcher.next("presence", (f) => f.count === 3);
  for (const frame of watcher.all("presence").slice(1)) assert.ok(names(frame).includes("alice"), JSON.stringify(frame));
  for (const client of [watcher, a, c]) client.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
