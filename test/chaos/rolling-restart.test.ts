import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "../wait-for";
import type { ChaosClient } from "./chat-client";
import { describeClients, measureOutcome, type Outcome } from "./outcome";
import { createChaosClients, startChaosStack, type ChaosStack } from "./stack";

/*
 * A rolling restart under steady load (real processes, real Redis and
 * PostgreSQL, loopback only): 3 sidecars behind HAProxy, clients in a few
 * rooms sending continuously with the browser's own client logic, and every
 * sidecar in turn SIGTERM'd (it drains: not ready, no new connections, queued
 * sends committed and acked, sockets closed 1001) and started again. Clients
 * must see nothing but a reconnect: every send acked and stored once, every
 * room message held once and in order, no error frame, no close but 1001,
 * and no send the user has to retry by hand.
 */
const rooms = 3;
const perRoom = 6;

test("restarting every sidecar of 3, one after another, under load loses, duplicates and disturbs nothing", { timeout: 240_000 }, async () => {
  const startedAt = Date.now();
  const stack = await startChaosStack(3);
  const clients = await createChaosClients(stack, rooms, perRoom);
  let passed = false;
  try {
    for (const client of clients) client.start();
    await allOnline(clients);
    for (const client of clients) client.startSending();
    await restartEach(stack, clients);
    for (const client of clients) client.stopSending();
    // Nobody presses retry here: every send must get through by the client's own resends.
    await waitFor(() => assert.ok(clients.every((c) => c.unacked === 0), "every outbox empties"), { timeoutMs: 60_000, intervalMs: 250 });
    const outcome = await settledOutcome(stack, clients);
    const closeCodes = clients.flatMap((c) => c.closeCodes);
    const reconnects = clients.reduce((n, c) => n + c.nodes.length - 1, 0);
    const dropped = clients.reduce((n, c) => n + c.droppedAtUpgrade, 0);
    const errors = clients.flatMap((c) => c.errors.map((e) => `${c.user.username}: ${e}`));
    console.log(
      `rolling-restart: sent=${outcome.sent} acked=${outcome.acked} (by echo ${outcome.echoed}) retried=${outcome.retried} delivered=${outcome.delivered} ` +
        `lost=${outcome.lost} duplicated=${outcome.duplicated} reconnects=${reconnects} closes=${closeCodes.length} dropped-at-upgrade=${dropped} ` +
        `(codes: ${[...new Set(closeCodes)].join(",")}) errors=${errors.length} (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`,
    );
    if (outcome.problems.length > 0) console.log(`rolling-restart: clients at the end:\n${describeClients(clients)}`);
    assert.deepEqual(outcome.problems.slice(0, 20), [], `${outcome.problems.length} problems`);
    assert.equal(outcome.lost, 0);
    assert.equal(outcome.duplicated, 0);
    assert.equal(outcome.acked, outcome.sent);
    assert.equal(outcome.echoed, 0, "every send got its own ack");
    assert.deepEqual(errors, [], "no error frame");
    assert.deepEqual([...new Set(closeCodes)], [1001], "the only close clients saw is 1001 (going away)");
    for (const c of clients) {
      assert.equal(c.nodes.length, c.closeCodes.length + c.droppedAtUpgrade + 1, `${c.user.username}: every close was followed by a reconnect`);
    }
    assert.ok(closeCodes.length >= clients.length, "every client was on a restarted sidecar at least once");
    assert.ok(outcome.sent > 200, "clients sent continuously");
    passed = true;
  } finally {
    for (const client of clients) client.stop();
    await stack.stop();
    if (passed) stack.removeFiles();
    else console.log(`rolling-restart: process logs kept in ${stack.workDir}`);
  }
});

/** Each sidecar in turn, once every client is back online and some sends went through since the last one. */
async function restartEach(stack: ChaosStack, clients: ChaosClient[]): Promise<void> {
  for (const name of stack.cluster.names) {
    await sendsMoveOn(clients);
    const t = Date.now();
    const { drainMs } = await stack.cluster.restartSidecar(name);
    console.log(`rolling-restart: ${name} drained in ${drainMs} ms, exited 0, ready again after ${Date.now() - t} ms`);
    await allOnline(clients);
  }
  await sendsMoveOn(clients);
}

async function allOnline(clients: ChaosClient[]): Promise<void> {
  const online = (c: ChaosClient) => c.controller.connection.state === "online" && c.controller.state.subscribed;
  await waitFor(() => assert.ok(clients.every(online), "every client online and subscribed"), { timeoutMs: 30_000, intervalMs: 100 });
}

/** Every client has had more of its sends acked than now: the load is steady, not stalled. */
async function sendsMoveOn(clients: ChaosClient[]): Promise<void> {
  const before = clients.map((c) => c.acks.size);
  await waitFor(() => assert.ok(clients.every((c, i) => c.acks.size >= before[i]! + 3), "acks keep coming"), { timeoutMs: 30_000, intervalMs: 100 });
}

/** Holes left by lost broker frames close through resync: give them a bounded moment. */
async function settledOutcome(stack: ChaosStack, clients: ChaosClient[]): Promise<Outcome> {
  return waitFor(async () => {
    const now = await measureOutcome(stack.database.sql, clients);
    assert.deepEqual(now.problems, []);
    return now;
  }, { timeoutMs: 30_000, intervalMs: 1000 }).catch(() => measureOutcome(stack.database.sql, clients));
}
