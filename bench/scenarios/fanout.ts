import { setFact } from "../lib/facts";
import { fullRamp, quickRamp, rampTarget, type RampResult } from "../lib/ramp";
import { createBenchDatabase } from "../lib/stack";
import { allTargets } from "../lib/targets";
import { logDirFor } from "../lib/log-dir";
import { fullShape, quickShape, seedFanout } from "../lib/workload";
import type { Measurement, RatioCheck, Scenario } from "../lib/types";

/*
 * Fan-out: rooms of `members` clients, stepped offered send rates, for bare
 * uWS, the sidecar, `ws` and Socket.IO in turn. The figure that counts is
 * deliveries per server CPU-second at each server's highest step that keeps
 * up: it does not depend on how fast the generator is.
 */
export const run: Scenario = async (options) => {
  const shape = options.quick ? quickShape : fullShape;
  const plan = options.quick ? quickRamp : fullRamp;
  const logDir = logDirFor(options.outDir, "fanout");
  const db = await createBenchDatabase();
  try {
    const workload = await seedFanout(db.db, shape);
    const ramps: RampResult[] = [];
    for (const target of allTargets) ramps.push(await rampTarget(target, workload, plan, { databaseUrl: db.url, logDir, log: options.log }));
    const sidecarBest = ramps.find((r) => r.target === "sidecar")?.best;
    if (sidecarBest) setFact("sidecar max sends/s", sidecarBest.sent / (plan.stepMs / 1000));
    const notes = [
      `${shape.rooms} rooms x ${shape.members} members, ${shape.sendersPerRoom} senders per room, ${shape.bodyBytes}-byte bodies; ` +
        `steps of ${plan.stepMs} ms (+ up to ${plan.drainMs} ms to drain), server on CPU 0, generator on CPU 1`,
      ...ramps.map((r) => `${r.target}: stopped by ${r.limit}; ${r.clientsOpen} of ${r.clientsRequested} clients subscribed`),
    ];
    return { scenario: "fanout", measurements: ramps.flatMap(measurementsOf), ratios: ratiosOf(ramps), notes };
  } finally {
    await db.drop();
  }
};

function measurementsOf(ramp: RampResult): Measurement[] {
  const best = ramp.best;
  if (!best) return [{ subject: ramp.target, metric: "deliveries per server CPU-second", value: 0, unit: "1/s", detail: { keptUp: false } }];
  const detail = {
    offeredSendsPerSecond: best.offeredSendsPerSecond,
    deliveriesPerSecond: Math.round(best.deliveriesPerSecond),
    serverCpuPercent: Math.round(best.serverCores * 100),
    clientBound: best.serverCores < 0.9,
    generatorCpuPercent: Math.round(best.generatorCores * 100),
    generatorWorkers: ramp.generatorWorkers,
    limit: ramp.limit,
  };
  return [
    { subject: ramp.target, metric: "deliveries per server CPU-second", value: Math.round(best.deliveriesPerCpuSecond), unit: "1/s", detail },
    { subject: ramp.target, metric: "deliveries/s (highest step kept up)", value: Math.round(best.deliveriesPerSecond), unit: "1/s", detail },
  ];
}

function ratiosOf(ramps: RampResult[]): RatioCheck[] {
  const perCpu = (t: string) => ramps.find((r) => r.target === t)?.best?.deliveriesPerCpuSecond ?? 0;
  const ratio = perCpu("bare-uws") > 0 ? perCpu("sidecar") / perCpu("bare-uws") : 0;
  return [{ name: "fan-out deliveries per server CPU-second: sidecar / bare uWS", ratio, target: ">= 0.5", met: ratio >= 0.5 }];
}
