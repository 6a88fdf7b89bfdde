import { measureAt, measureCrossNode, type CrossNodePlan } from "../lib/cross-node";
import { getFact } from "../lib/facts";
import { measureCommitLatency, type LatencySummary } from "../lib/latency";
import { fullRamp, quickRamp, rampTarget } from "../lib/ramp";
import { checkpoint, createBenchDatabase, machineRedisUrl } from "../lib/stack";
import { startBaseline } from "../servers/index";
import { logDirFor } from "../lib/log-dir";
import type { Measurement, Scenario } from "../lib/types";
import { fullShape, quickShape, seedFanout, type Workload } from "../lib/workload";

/*
 * send -> another member receives, at fixed offered loads (25/50/75% of the
 * sidecar's fan-out maximum), so the generator never runs flat out and hides
 * the tail. Cross-node: senders on sidecar A, receivers on sidecar B (Redis
 * broker between them). Bare uWS gets the same rate, all on one server.
 * The send time travels in the body; probes (1 receiver in 5) record it.
 */
const fractions = [0.25, 0.5, 0.75];
type Run = { fraction: number; rate: number; sidecar: LatencySummary; bare: LatencySummary };

export const run: Scenario = async (options) => {
  const quick = options.quick;
  const logDir = logDirFor(options.outDir, "latency");
  const db = await createBenchDatabase();
  try {
    const workload = await seedFanout(db.db, quick ? quickShape : fullShape, 5);
    const env = { databaseUrl: db.url, logDir, log: options.log };
    const max = getFact("sidecar max sends/s") ?? (await measureSidecarMax(workload, quick, env));
    const rates = fractions.map((f) => Math.max(10, Math.round(f * max)));
    const plan = { measureMs: quick ? 1500 : 10_000, warmupMs: quick ? 300 : 1000, bodyBytes: workload.shape.bodyBytes };
    await checkpoint(db);
    const sidecar = await measureCrossNode(workload, rates, plan, env, { REDIS_URL: machineRedisUrl });
    const bare = await measureBareUws(workload, rates, plan, env);
    const commit = await measureCommitLatency(db.url, quick ? 300 : 2000);
    const runs: Run[] = fractions.map((fraction, i) => ({ fraction, rate: rates[i]!, sidecar: sidecar[i]!, bare: bare[i]! }));
    runs.forEach((r) => options.log(`  ${r.fraction * 100}% (${r.rate} sends/s): sidecar p99 ${r.sidecar.p99} ms, bare uWS p99 ${r.bare.p99} ms`));
    const half = runs[1]!;
    const budget = 3 * half.bare.p99 + commit.p99;
    return {
      scenario: "latency",
      measurements: [...runs.flatMap(measurementsOf), { subject: "postgres", metric: "single-row commit p99", value: commit.p99, unit: "ms", detail: { ...commit } }],
      ratios: [{ name: "latency p99 at 50%: sidecar cross-node / (3 x bare uWS p99 + one commit p99)", ratio: half.sidecar.p99 / budget, target: "<= 1", met: half.sidecar.p99 <= budget }],
      notes: [
        `sidecar max ${Math.round(max)} sends/s from fan-out; ${plan.measureMs} ms per load after ${plan.warmupMs} ms warm-up; ` +
          `both sidecars and bare uWS on CPU 0, generator on CPU 1; commit p50 ${commit.p50} ms, p99 ${commit.p99} ms`,
      ],
    };
  } finally {
    await db.drop();
  }
};

type Env = { databaseUrl: string; logDir: string; log: (line: string) => void };
type Plan = CrossNodePlan;

async function measureSidecarMax(workload: Workload, quick: boolean, env: Env): Promise<number> {
  const plan = quick ? quickRamp : fullRamp;
  const ramp = await rampTarget("sidecar", workload, plan, env);
  return ramp.best ? ramp.best.sent / (plan.stepMs / 1000) : plan.startRate;
}

async function measureBareUws(workload: Workload, rates: number[], plan: Plan, env: Env): Promise<LatencySummary[]> {
  const bare = await startBaseline("bare-uws", { logDir: env.logDir, cpus: "0" });
  try {
    const clients = workload.clients.map((c) => (c.sender ? { ...c, probe: false } : c));
    return await measureAt([{ url: bare.url, clients }], rates, plan, env.logDir);
  } finally {
    await bare.stop();
  }
}

function measurementsOf(r: Run): Measurement[] {
  const detail = (s: LatencySummary) => ({ offeredSendsPerSecond: r.rate, loadFraction: r.fraction, p50: s.p50, p999: s.p999, max: s.max, samples: s.count });
  return [
    { subject: "sidecar (cross-node)", metric: `p99 latency at ${r.fraction * 100}%`, value: r.sidecar.p99, unit: "ms", detail: detail(r.sidecar) },
    { subject: "bare-uws", metric: `p99 latency at ${r.fraction * 100}%`, value: r.bare.p99, unit: "ms", detail: detail(r.bare) },
  ];
}
