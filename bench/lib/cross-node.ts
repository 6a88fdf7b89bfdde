import { LoadGenerator, type ClientSpec } from "../generator/index";
import { summarize, type LatencySummary } from "./latency";
import { requireMostOpen } from "./ramp";
import { startBenchSidecar, uniqueRedisPrefix } from "./stack";
import type { Workload } from "./workload";

/*
 * Cross-node latency, shared by the latency and cluster scenarios: senders on
 * sidecar A, every other member on sidecar B, so every measured delivery went
 * through the broker (whichever Redis `redisEnv` names). Each rate gets a
 * warm-up, then a measured stretch; probes record send-to-receive in an HDR
 * histogram.
 */
export type CrossNodeEnv = { databaseUrl: string; logDir: string };
export type CrossNodePlan = { measureMs: number; warmupMs: number; bodyBytes: number };

/** `redisEnv`: REDIS_URL, and REDIS_MODE for a cluster; the sidecars' names are suffixed with `label`. */
export async function measureCrossNode(
  workload: Workload,
  rates: number[],
  plan: CrossNodePlan,
  env: CrossNodeEnv,
  redisEnv: Record<string, string>,
  label = "",
): Promise<LatencySummary[]> {
  const sidecarEnv = { REDIS_KEY_PREFIX: uniqueRedisPrefix(), ...redisEnv };
  const common = { databaseUrl: env.databaseUrl, logDir: env.logDir, cpus: "0", env: sidecarEnv };
  const [a, b] = await Promise.all([
    startBenchSidecar({ ...common, name: `sidecar-a${label}` }),
    startBenchSidecar({ ...common, name: `sidecar-b${label}` }),
  ]);
  const senders = workload.clients.filter((c) => c.sender).map((c) => ({ ...c, probe: false }));
  const receivers = workload.clients.filter((c) => !c.sender);
  try {
    return await measureAt([{ url: a.url, clients: senders }, { url: b.url, clients: receivers }], rates, plan, env.logDir);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

export async function measureAt(groups: { url: string; clients: ClientSpec[] }[], rates: number[], plan: CrossNodePlan, logDir: string) {
  const generator = await LoadGenerator.start({ workers: 3, cpus: "1", logDir });
  try {
    for (const g of groups) {
      // Few handshakes at once: on a loaded box hundreds in flight miss the generator's 3 s handshake timeout.
      const opened = await generator.open({ url: g.url, dialect: "chat", clients: g.clients, concurrency: 32 });
      requireMostOpen("latency", opened);
    }
    const summaries: LatencySummary[] = [];
    for (const rate of rates) {
      await generator.load({ ratePerSecond: rate, durationMs: plan.warmupMs, bodyBytes: plan.bodyBytes });
      await generator.histogram(true);
      await generator.load({ ratePerSecond: rate, durationMs: plan.measureMs, bodyBytes: plan.bodyBytes });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the last sends' deliveries
      summaries.push(summarize(await generator.histogram(true)));
    }
    return summaries;
  } finally {
    await generator.stop();
  }
}
