import path from "node:path";
import { PrivateRedis } from "../../test/support/private-redis";
import { PrivateRedisCluster } from "../../test/support/private-redis-cluster";
import { measureCrossNode, type CrossNodePlan } from "../lib/cross-node";
import { getFact } from "../lib/facts";
import type { LatencySummary } from "../lib/latency";
import { logDirFor } from "../lib/log-dir";
import { checkpoint, createBenchDatabase } from "../lib/stack";
import type { Measurement, Scenario } from "../lib/types";
import { fullShape, quickShape, seedFanout } from "../lib/workload";

/*
 * Cross-node latency (send on a socket at sidecar A, receive on a socket at
 * sidecar B) with one Redis and with a 3-master Redis Cluster (REDIS_MODE=cluster,
 * sharded pub/sub), side by side at the same offered loads. Both Redis setups
 * are private to this run and started alike (no persistence), so the
 * difference is the broker path, not the server's settings.
 */
const fractions = [0.25, 0.5];
/** Without a fan-out maximum from this run (--only cluster), fixed loads the pair sustains on 2 cores. */
const fallbackRates = { quick: [100, 200], full: [250, 500] };

export const run: Scenario = async (options) => {
  const { quick } = options;
  const logDir = logDirFor(options.outDir, "cluster");
  const db = await createBenchDatabase();
  const single = await PrivateRedis.onFreePort();
  await single.start();
  const cluster = await PrivateRedisCluster.start({ dir: logDirFor(options.outDir, path.join("cluster", "redis-cluster")) });
  try {
    const workload = await seedFanout(db.db, quick ? quickShape : fullShape, 5);
    const max = getFact("sidecar max sends/s");
    const rates = max ? fractions.map((f) => Math.max(10, Math.round(f * max))) : fallbackRates[quick ? "quick" : "full"];
    const plan: CrossNodePlan = { measureMs: quick ? 1500 : 10_000, warmupMs: quick ? 300 : 1000, bodyBytes: workload.shape.bodyBytes };
    const env = { databaseUrl: db.url, logDir };
    await checkpoint(db);
    const one = await measureCrossNode(workload, rates, plan, env, { REDIS_URL: single.url }, "-single");
    const sharded = await measureCrossNode(workload, rates, plan, env, { REDIS_URL: cluster.url, REDIS_MODE: "cluster" }, "-cluster");
    rates.forEach((rate, i) =>
      options.log(`  ${rate} sends/s: cross-node p50/p99 one Redis ${one[i]!.p50}/${one[i]!.p99} ms, Redis Cluster ${sharded[i]!.p50}/${sharded[i]!.p99} ms`),
    );
    const last = rates.length - 1;
    const ratio = sharded[last]!.p99 / one[last]!.p99;
    return {
      scenario: "cluster",
      measurements: rates.flatMap((rate, i) => [...measurementsOf("one Redis", rate, one[i]!), ...measurementsOf("Redis Cluster (3 masters)", rate, sharded[i]!)]),
      ratios: [{ name: `cross-node p99 at ${rates[last]} sends/s: Redis Cluster / one Redis`, ratio, target: "<= 1.5", met: ratio <= 1.5 }],
      notes: [
        `${max ? `loads ${fractions.map((f) => `${f * 100}%`).join(", ")} of the sidecar's fan-out maximum` : "fixed loads (no fan-out maximum in this run)"}; ` +
          `${plan.measureMs} ms per load after ${plan.warmupMs} ms warm-up; sidecars on CPU 0, generator on CPU 1, Redis unpinned`,
      ],
    };
  } finally {
    await cluster.stop();
    await single.stop();
    await db.drop();
  }
};

function measurementsOf(subject: string, rate: number, s: LatencySummary): Measurement[] {
  const detail = { offeredSendsPerSecond: rate, p999: s.p999, max: s.max, samples: s.count };
  return [
    { subject: `cross-node, ${subject}`, metric: `p50 latency at ${rate} sends/s`, value: s.p50, unit: "ms", detail },
    { subject: `cross-node, ${subject}`, metric: `p99 latency at ${rate} sends/s`, value: s.p99, unit: "ms", detail },
  ];
}
