import { LoadGenerator, type OpenResult } from "../generator/index";
import { runStep, type StepResult } from "./step";
import { startTarget, type TargetName } from "./targets";
import type { Workload } from "./workload";

/*
 * Find a server's highest step that keeps up: offered sends/s start at
 * `startRate` and grow by `factor` until the server falls behind, the
 * generator cannot send what is offered, or the steps run out. Server on
 * CPU 0, generator workers on CPU 1.
 */
export type RampPlan = { startRate: number; factor: number; maxSteps: number; stepMs: number; drainMs: number };
export type RampResult = {
  target: TargetName;
  steps: StepResult[];
  best: StepResult | null;
  limit: string;
  generatorWorkers: number;
  clientsOpen: number;
  clientsRequested: number;
};

export const fullRamp: RampPlan = { startRate: 250, factor: 1.5, maxSteps: 11, stepMs: 2500, drainMs: 1500 };
export const quickRamp: RampPlan = { startRate: 200, factor: 2.5, maxSteps: 3, stepMs: 800, drainMs: 600 };
const generatorWorkers = 3;

export async function rampTarget(
  target: TargetName,
  workload: Workload,
  plan: RampPlan,
  env: { databaseUrl: string; logDir: string; log: (line: string) => void },
): Promise<RampResult> {
  const server = await startTarget(target, { databaseUrl: env.databaseUrl, logDir: env.logDir, cpus: "0" });
  const generator = await LoadGenerator.start({ workers: generatorWorkers, cpus: "1", logDir: env.logDir });
  try {
    const opened = await generator.open({ url: server.url, dialect: server.dialect, clients: workload.clients });
    requireMostOpen(target, opened);
    const steps: StepResult[] = [];
    let limit = "steps exhausted";
    for (let i = 0, rate = plan.startRate; i < plan.maxSteps; i++, rate = Math.round(rate * plan.factor)) {
      const step = await runStep(generator, [server.pid], {
        rate,
        durationMs: plan.stepMs,
        drainMs: plan.drainMs,
        bodyBytes: workload.shape.bodyBytes,
        // A client that never got in does not receive: expect deliveries for those that did.
        members: (workload.shape.members * opened.subscribed) / opened.requested,
      });
      steps.push(step);
      env.log(`  ${target} ${describeStep(step)}`);
      if (!step.keptUp) {
        limit = step.serverCores >= 0.9 ? "server CPU" : "fell behind below a full core (I/O, database or generator)";
        break;
      }
      if (step.generatorBound) {
        limit = "generator could not send the offered rate";
        break;
      }
    }
    const best = steps.filter((s) => s.keptUp).at(-1) ?? null;
    return { target, steps, best, limit, generatorWorkers, clientsOpen: opened.subscribed, clientsRequested: opened.requested };
  } finally {
    await generator.stop();
    await server.stop();
  }
}

/**
 * A run goes on without a few clients (a handshake can still fail after its
 * retries), not without most; the expected deliveries count only those in.
 */
export function requireMostOpen(target: string, opened: OpenResult): void {
  if (opened.subscribed >= 0.98 * opened.requested) return;
  throw new Error(`${target}: ${opened.failed} of ${opened.requested} clients failed to subscribe: ${opened.failures.join("; ")}`);
}

function describeStep(s: StepResult): string {
  const k = (n: number) => `${Math.round(n / 1000)}k`;
  return (
    `offered ${s.offeredSendsPerSecond}/s sent ${s.sent}: ${k(s.deliveriesPerSecond)} deliveries/s, ` +
    `${k(s.deliveriesPerCpuSecond)}/CPU-s, server ${Math.round(s.serverCores * 100)}%, ` +
    `generator ${Math.round(s.generatorCores * 100)}%, ${s.keptUp ? "kept up" : `behind (${Math.round((100 * s.received) / Math.max(1, s.expected))}%)`}`
  );
}
