import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { PrivateRedisCluster } from "../../test/support/private-redis-cluster";
import { waitFor } from "../../test/wait-for";
import { health, roomAcrossSidecars, startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeUser, TestClient, type TestUser } from "./helpers";

/*
 * Two sidecars on a private 3-master Redis Cluster (REDIS_MODE=cluster): room
 * traffic crosses through sharded pub/sub, each room's channel on the one
 * shard that owns its slot; presence and the shared limits work on it; a
 * master killed and started again is an outage the sidecars ride out.
 */
let redis: PrivateRedisCluster;
let stack: ClusterStack;
let alice: TestUser;
let bob: TestUser;

const timings = { PRESENCE_HEARTBEAT_MS: "250", PRESENCE_TTL_MS: "3000", PRESENCE_INTERVAL_MS: "100", CATCHUP_POLL_MS: "300" };

before(async () => {
  redis = await PrivateRedisCluster.start();
  const env = { REDIS_MODE: "cluster", ...timings };
  stack = await startClusterStack({ redisUrl: redis.url, env, limits: { reactRateLimit: 2, frameRateWindowSeconds: 60, presenceIntervalMs: 100 } });
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
  for (const port of stack.ports) await waitFor(async () => assert.equal(((await health(port)).body as { broker: string }).broker, "up"));
});
afterEach(closeClients);
after(async () => {
  await stopClusterStack(stack);
  await redis.stop();
});

const channelOf = (roomId: string) => `${stack.keyPrefix}room:{${roomId}}`;
const brokerOf = async (port: number) => ((await health(port)).body as { broker: string }).broker;

/** Our sharded channels that one node serves. */
async function shardChannelsOn(port: number): Promise<string[]> {
  const channels = await redis.onNode(port, (r) => r.pubsub("SHARDCHANNELS", `${stack.keyPrefix}*`));
  return (channels as string[]).sort();
}

test("rooms on different shards: messages cross both ways, and each room's channel lives only on its own shard", async () => {
  const rooms: { id: string; a: TestClient; b: TestClient; owner: number }[] = [];
  // Room ids are random: make rooms until they span at least two shards.
  while (rooms.length < 3 || new Set(rooms.map((r) => r.owner)).size < 2) {
    const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
    rooms.push({ id: room.id, a, b, owner: await redis.portOfKey(channelOf(room.id)) });
  }
  for (const { id, a, b } of rooms) {
    const fromA = await a.sendMessage(id, "from A");
    await b.next("message", (f) => f.seq === fromA.seq);
    const fromB = await b.sendMessage(id, "from B");
    await a.next("message", (f) => f.seq === fromB.seq);
  }
  for (const port of redis.ports) {
    const expected = rooms.filter((r) => r.owner === port).map((r) => channelOf(r.id));
    // Users' own channels (`{~user:<id>}`, read sync) are sharded the same way; the rooms are what is checked here.
    const held = (await shardChannelsOn(port)).filter((c) => !c.includes("{~user:"));
    assert.deepEqual(held, expected.sort(), `node ${port} holds exactly the channels of its slots`);
    for (const { id, owner } of rooms.filter((r) => r.owner === port)) {
      const [, subscribers] = (await redis.onNode(owner, (r) => r.pubsub("SHARDNUMSUB", channelOf(id)))) as [string, number];
      assert.equal(Number(subscribers), 2, "both sidecars subscribed on the owning shard");
    }
    const userChannel = `${stack.keyPrefix}room:{~user:${alice.id}}`;
    const holdsUser = (await shardChannelsOn(port)).includes(userChannel);
    assert.equal(holdsUser, (await redis.portOfKey(userChannel)) === port, "a user's channel lives only on its own shard too");
    // Nothing went through classic PUBLISH, which the cluster bus would copy to every node.
    const stats = await redis.onNode(port, (r) => r.info("commandstats"));
    assert.doesNotMatch(stats, /cmdstat_publish:/);
    if (expected.length > 0) assert.match(stats, /cmdstat_spublish:calls=/);
  }
});

test("presence across sidecars: both users seen, their entries in the room's own slot", async () => {
  const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
  await a.next("presence", (f) => f.count === 2);
  await b.next("presence", (f) => f.count === 2);
  const key = `${stack.keyPrefix}presence:{${room.id}}`;
  const owner = await redis.portOfKey(channelOf(room.id));
  assert.equal(await redis.portOfKey(key), owner, "presence key and channel share a slot");
  const members = await redis.onNode(owner, (r) => r.zrange(key, 0, -1));
  assert.deepEqual(members.map((m) => m.split("|")[2]).sort(), ["alice", "bob"]);
});

test("limits are shared across sidecars on the cluster", async () => {
  const { room, a, b } = await roomAcrossSidecars(stack, alice, alice);
  const sent = await a.sendMessage(room.id, "react across sidecars");
  const react = (client: TestClient, emoji: string) => client.request({ type: "react", room: room.id, id: sent.id, emoji, on: true });
  assert.equal((await react(a, "👍")).type, "ack");
  assert.equal((await react(b, "❤️")).type, "ack");
  const third = await react(a, "🎉");
  assert.equal(third.type === "error" && third.code, "rate_limited", "the budget is used up on A as well");
});

test("a master killed and started again: down, messages still cross via the database, then up and live", async () => {
  const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
  const owner = await redis.portOfKey(channelOf(room.id));
  await redis.killNode(owner);
  for (const port of stack.ports) await waitFor(async () => assert.equal(await brokerOf(port), "degraded"));
  const during = await a.sendMessage(room.id, "while its shard is gone");
  await b.next("message", (f) => f.seq === during.seq);

  await redis.startNode(owner);
  await redis.waitUntilOk();
  for (const port of stack.ports) await waitFor(async () => assert.equal(await brokerOf(port), "up"), { timeoutMs: 30_000 });
  const [, subscribers] = (await redis.onNode(owner, (r) => r.pubsub("SHARDNUMSUB", channelOf(room.id)))) as [string, number];
  assert.equal(Number(subscribers), 2, "both sidecars subscribed again on the restarted shard");
  const back = await a.sendMessage(room.id, "shard back");
  await b.next("message", (f) => f.seq === back.seq);
  assert.deepEqual(b.all("message").map((f) => f.seq), [during.seq, back.seq]);
});
