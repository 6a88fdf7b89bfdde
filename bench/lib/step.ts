import type { LoadGenerator } from "../generator/index";
import { totalCpuSeconds } from "./proc-stats";

/*
 * One step of offered load: send at `rate` for durationMs, then wait (at most
 * drainMs) for the deliveries still in flight. The server keeps up when at
 * least 95% of the expected deliveries (sent x members) arrived by then: a
 * backlog that cannot drain within drainMs does not count.
 */
export type StepResult = {
  offeredSendsPerSecond: number;
  sent: number;
  expected: number;
  received: number;
  deliveriesPerSecond: number;
  serverCpuSeconds: number;
  serverCores: number;
  deliveriesPerCpuSecond: number;
  generatorCores: number;
  keptUp: boolean;
  /** The generator could not even send what was offered. */
  generatorBound: boolean;
};

export type StepPlan = { rate: number; durationMs: number; drainMs: number; bodyBytes: number; members: number };

export async function runStep(generator: LoadGenerator, serverPids: number[], plan: StepPlan): Promise<StepResult> {
  const serverCpu = () => totalCpuSeconds(serverPids);
  const before = { stats: await generator.stats(), cpu: serverCpu(), gen: generator.cpuSeconds(), at: performance.now() };
  const { sent } = await generator.load({ ratePerSecond: plan.rate, durationMs: plan.durationMs, bodyBytes: plan.bodyBytes });
  const expected = sent * plan.members;
  let received = 0;
  const drainUntil = performance.now() + plan.drainMs;
  for (let polls = 0; polls < 1000; polls++) {
    received = (await generator.stats()).message - before.stats.message;
    if (received >= expected || performance.now() >= drainUntil) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const wallSeconds = (performance.now() - before.at) / 1000;
  const serverCpuSeconds = serverCpu() - before.cpu;
  return {
    offeredSendsPerSecond: plan.rate,
    sent,
    expected,
    received,
    deliveriesPerSecond: received / wallSeconds,
    serverCpuSeconds,
    serverCores: serverCpuSeconds / wallSeconds,
    deliveriesPerCpuSecond: serverCpuSeconds > 0 ? received / serverCpuSeconds : 0,
    generatorCores: (generator.cpuSeconds() - before.gen) / wallSeconds,
    keptUp: expected > 0 && received >= 0.95 * expected,
    generatorBound: sent < 0.9 * plan.rate * (plan.durationMs / 1000),
  };
}
