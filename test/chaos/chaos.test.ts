import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../wait-for";
import { describeClients, formatOutcome, measureOutcome, type Outcome } from "./outcome";
import { defaultPlan, drain, runChaos } from "./scenario";
import type { RedisKind } from "./redis-backend";
import { createChaosClients, startChaosStack } from "./stack";

/*
 * Many sidecars act as one, under faults (real processes, real Redis, real
 * PostgreSQL, loopback only): 3 sidecars behind HAProxy, 60 clients in 5 rooms
 * sending continuously with the browser's own client logic, while sidecars are
 * kill -9'd, Redis stops for 10 s and PostgreSQL restarts. Nothing may be lost
 * or duplicated, anywhere. The second case runs on a private 3-master Redis
 * Cluster (sharded pub/sub), where the Redis outage is one master kill -9'd
 * and started again: its rooms' traffic and presence are gone meanwhile.
 */
test("3 sidecars behind HAProxy lose and duplicate nothing through crashes, a Redis outage and a PostgreSQL restart", { timeout: 240_000 }, () =>
  chaosRun("single"));

test("the same on a 3-master Redis Cluster, with one master killed and restarted", { timeout: 300_000 }, () => chaosRun("cluster"));

async function chaosRun(redisKind: RedisKind): Promise<void> {
  const startedAt = Date.now();
  const stack = await startChaosStack(3, redisKind);
  const clients = await createChaosClients(stack, 5, 12);
  let passed = false;
  try {
    for (const client of clients) client.start();
    await waitFor(() => assert.ok(clients.every((c) => c.controller.state.subscribed)), { timeoutMs: 20_000, intervalMs: 100 });
    await runChaos(stack, clients, defaultPlan, (line) => console.log(`chaos: ${line}`));
    const drained = await drain(clients, 60_000);
    // Holes left by lost broker messages close through resync; give them a bounded moment.
    let outcome: Outcome = await measureOutcome(stack.database.sql, clients);
    if (drained) {
      outcome = await waitFor(async () => {
        const now = await measureOutcome(stack.database.sql, clients);
        assert.deepEqual(now.problems, []);
        return now;
      }, { timeoutMs: 30_000, intervalMs: 1000 }).catch(() => measureOutcome(stack.database.sql, clients));
    }
    const nodes = new Set(clients.flatMap((c) => c.nodes));
    console.log(`${formatOutcome(outcome)} (redis: ${redisKind}; sidecars seen: ${[...nodes].sort().join(", ")}; ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
    if (outcome.problems.length > 0) console.log(`chaos: clients at the end:\n${describeClients(clients)}`);
    assert.deepEqual(outcome.problems.slice(0, 20), [], `${outcome.problems.length} problems`);
    assert.equal(outcome.lost, 0);
    assert.equal(outcome.duplicated, 0);
    assert.equal(outcome.acked, outcome.sent);
    assert.ok(outcome.sent > 1000, "clients sent continuously");
    assert.ok(outcome.retried > 0, "faults hit sends in flight, which were retried");
    assert.ok(nodes.size === 3, "clients were spread over every sidecar");
    passed = true;
  } finally {
    for (const client of clients) client.stop();
    await stack.stop();
    if (passed) stack.removeFiles();
    else console.log(`chaos: process logs kept in ${stack.workDir}`);
  }
}
