import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { Redis } from "ioredis";
import { createFrameLimiters } from "../frame-limiters";
import { UserRateLimiter, verdictAt } from "../rate-limit";
import { testConfig } from "./helpers";
import { sharedRedisUrl } from "./cluster-helpers";

/*
 * Frames of one user in one event-loop turn are counted with one call; each
 * must still get the verdict it would have got alone, in memory and in Redis.
 */
const redis = new Redis(sharedRedisUrl);
// Until the client is ready the limiter (rightly) counts in memory instead.
before(() => redis.ping());
after(() => redis.quit());

/** Each store, and how to read a user's count in it (null: not visible from outside). */
const stores = {
  memory: () => ({ limiter: new UserRateLimiter("send", 3, 10), count: async () => null }),
  redis: () => {
    const keyPrefix = `test-${randomBytes(4).toString("hex")}:`;
    const limiter = new UserRateLimiter("send", 3, 10, { client: redis, keyPrefix });
    return { limiter, count: async (user: string) => Number(await redis.get(`${keyPrefix}send:${user}`)) };
  },
};

for (const [name, create] of Object.entries(stores)) {
  test(`${name}: a burst in one turn gets the verdicts of sends one by one`, async () => {
    const { limiter, count } = create();
    const user = randomUUID();
    const burst = await Promise.all(Array.from({ length: 9 }, () => limiter.consume(user)));
    assert.deepEqual(burst, ["ok", "ok", "ok", "limited", "limited", "limited", "limited", "abuse", "abuse"]);
    assert.ok([null, 9].includes(await count(user)), "the shared count holds every attempt");
    assert.equal(await limiter.consume(randomUUID()), "ok", "another user has a budget of their own");
  });

  test(`${name}: turns add up, and a refund gives a point back`, async () => {
    const { limiter } = create();
    const user = randomUUID();
    assert.deepEqual(await Promise.all([limiter.consume(user), limiter.consume(user)]), ["ok", "ok"]);
    await limiter.refund(user);
    assert.deepEqual(await Promise.all([limiter.consume(user), limiter.consume(user), limiter.consume(user)]), ["ok", "ok", "limited"]);
  });
}

test("verdictAt: ok up to the limit, limited above it, abuse from the fifth refusal", () => {
  assert.deepEqual([3, 4, 7, 8].map((n) => verdictAt(n, 3)), ["ok", "limited", "limited", "abuse"]);
});

test("each frame kind has a budget of its own, under a Redis key of its own", async () => {
  const keyPrefix = `test-${randomBytes(4).toString("hex")}:`;
  const config = testConfig("postgres://unused@127.0.0.1/none", { env: { REACT_RATE_LIMIT: "2", EDIT_RATE_LIMIT: "1" } });
  const limiters = createFrameLimiters(config.limits, { client: redis, keyPrefix });
  const user = randomUUID();
  const reacts = await Promise.all([1, 2, 3].map(() => limiters.react.consume(user)));
  assert.deepEqual(reacts, ["ok", "ok", "limited"]);
  assert.equal(await limiters.edit.consume(user), "ok", "reactions used up do not touch the edit budget");
  assert.equal(await limiters.edit.consume(user), "limited");
  assert.equal(await limiters.send.consume(user), "ok");
  assert.equal(Number(await redis.get(`${keyPrefix}react:${user}`)), 3);
  assert.equal(Number(await redis.get(`${keyPrefix}edit:${user}`)), 2);
  await redis.del(...["react", "edit", "send"].map((kind) => `${keyPrefix}${kind}:${user}`));
});
