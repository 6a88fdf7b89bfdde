import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { Redis } from "ioredis";
import { waitFor } from "../../test/wait-for";
import { health, roomAcrossSidecars, startClusterStack, stopClusterStack, type ClusterStack } from "./cluster-helpers";
import { closeClients, makeUser, TestClient, type TestUser } from "./helpers";
import { PrivateRedis } from "../../test/support/private-redis";

/* Redis dies under two sidecars: both keep serving, the database carries messages between them, and all recovers. */
let redis: PrivateRedis;
let stack: ClusterStack;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  redis = await PrivateRedis.onFreePort();
  await redis.start();
  stack = await startClusterStack({ redisUrl: redis.url, env: { CATCHUP_POLL_MS: "300" }, limits: { sendRateLimit: 100 } });
  [alice, bob] = await Promise.all([makeUser(stack, "alice"), makeUser(stack, "bob")]);
});
afterEach(closeClients);
after(async () => {
  await stopClusterStack(stack);
  await redis.stop();
});

const seqsOf = (client: TestClient) => client.all("message").map((f) => f.seq);

test("broker outage: degraded health, messages still cross via the database, then live again", async () => {
  const portB = stack.ports[1]!;
  const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
  const live = await a.sendMessage(room.id, "before the outage");
  await b.next("message", (f) => f.seq === live.seq);

  await redis.kill();
  for (const port of stack.ports) {
    await waitFor(async () => assert.deepEqual(await health(port), { status: 200, body: { ok: true, broker: "degraded" } }));
  }
  const during = await a.sendMessage(room.id, "during the outage");
  await b.next("message", (f) => f.seq === during.seq);
  // A client arriving on B during the outage is served too, and hears A through the database.
  const late = await TestClient.connect(portB, bob);
  await late.subscribe(room.id, during.seq);
  const during2 = await a.sendMessage(room.id, "still down");
  await late.next("message", (f) => f.seq === during2.seq);

  await redis.start();
  for (const port of stack.ports) {
    await waitFor(async () => assert.deepEqual(await health(port), { status: 200, body: { ok: true, broker: "up" } }));
  }
  // Both sidecars subscribed to the room's channel again by themselves.
  assert.equal(await subscribersOf(`${stack.keyPrefix}room:${room.id}`), 2);
  const back = await a.sendMessage(room.id, "after the outage");
  await b.next("message", (f) => f.seq === back.seq);
  await late.next("message", (f) => f.seq === back.seq);
  assert.deepEqual(seqsOf(b), [live.seq, during.seq, during2.seq, back.seq]);
  assert.deepEqual(seqsOf(late), [during2.seq, back.seq]);
  for (const c of [a, b, late]) c.close();
});

test("after the outage, a message lost on the way is still delivered (the sweep reads rooms.last_seq)", async () => {
  const portA = stack.ports[0]!;
  const { room, a, b } = await roomAcrossSidecars(stack, alice, bob);
  // Redis gone and back between commit and any later frame: nothing else would reveal the hole.
  await redis.kill();
  await waitFor(async () => assert.equal(((await health(portA)).body as { broker: string }).broker, "degraded"));
  const lost = await a.sendMessage(room.id, "sent while nobody listened");
  await redis.start();
  await b.next("message", (f) => f.seq === lost.seq);
  assert.deepEqual(seqsOf(b), [lost.seq]);
  a.close();
  b.close();
});

async function subscribersOf(channel: string): Promise<number> {
  const client = new Redis(redis.url);
  try {
    const [, count] = (await client.pubsub("NUMSUB", channel)) as [string, number];
    return Number(count);
  } finally {
    client.disconnect();
  }
}
