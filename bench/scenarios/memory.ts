import { forceFullGc } from "../lib/gc";
import { sourceAddresses, split, type WorkerPool } from "../lib/pool";
import { settledRssKb } from "../lib/proc-stats";
import { createUsers } from "../lib/seed";
import { socketsPerProcess } from "../lib/spawn";
import { createBenchDatabase } from "../lib/stack";
import { logDirFor } from "../lib/log-dir";
import type { Measurement, Scenario } from "../lib/types";
import { startBenchSidecar, type BenchSidecar } from "../lib/stack";
import { startSessionWorkers, type WorkerCommand, type WorkerReply } from "./support/worker-protocol";

/*
 * Memory per idle authenticated connection: the sidecar's RSS (VmRSS) growth
 * divided by the sockets opened (each got `ready`, none subscribed), at growing
 * totals, from a fresh sidecar. The sockets live in separate generator
 * processes; `held` sockets are opened before the baseline so one-off code
 * loading is not counted. What is counted: everything the process keeps,
 * including V8's young generation growing under the handshake load (a fixed
 * step that large totals amortise). Each reading follows a forced full GC
 * (through the inspector), since otherwise it mostly says when V8 last
 * collected; the reading before it is kept in the detail. The marginal cost
 * between two totals, reported too, has no fixed part.
 */
const held = 200;
const perWorker = 10_000;

export const run: Scenario = async ({ quick, log, outDir }) => {
  const cap = socketsPerProcess() - held;
  const wanted = quick ? [1000, 2000] : [10_000, 25_000, 50_000];
  const totals = [...new Set(wanted.map((n) => Math.min(n, cap)))];
  const database = await createBenchDatabase();
  const logDir = logDirFor(outDir, "memory");
  const sidecar = await startBenchSidecar({ databaseUrl: database.url, logDir, inspect: true });
  const pool = startSessionWorkers(Math.max(2, Math.ceil(totals.at(-1)! / perWorker)), logDir);
  try {
    const users = await createUsers(database.db, 1000);
    const open = (count: number) => openIdle(pool, sidecar, users, count);
    await open(held);
    const baseline = await rssAfterGc(sidecar);
    const measurements: Measurement[] = [];
    let previous = { total: 0, rss: baseline };
    for (const total of totals) {
      await open(total - previous.total);
      const beforeGc = await settledRssKb(sidecar.pid);
      const rss = await rssAfterGc(sidecar);
      const kb = (rss - baseline) / total;
      const marginal = (rss - previous.rss) / (total - previous.total);
      log(`memory: ${total} idle connections, RSS ${rss} KB (baseline ${baseline}), ${kb.toFixed(2)} KB each, ${marginal.toFixed(2)} KB marginal`);
      const detail = { connections: total, rssKb: rss, baselineKb: baseline, rssBeforeGcKb: beforeGc, marginalKbPerConnection: Number(marginal.toFixed(3)) };
      measurements.push({ subject: "sidecar", metric: `KB per idle connection at ${total}`, value: kb, unit: "KB", detail });
      previous = { total, rss };
    }
    const last = measurements.at(-1)!;
    const notes = totals.at(-1)! < wanted.at(-1)! ? [`largest total capped at ${cap}: this box's hard nofile limit is ${cap + held + 200} per process and prlimit may not raise it`] : [];
    return {
      scenario: "memory",
      measurements,
      ratios: [{ name: `memory: KB per idle connection at ${last.detail!.connections}`, ratio: last.value, target: "<= 2", met: last.value <= 2 }],
      notes,
    };
  } finally {
    await pool.stop();
    await sidecar.stop();
    await database.drop();
  }
};

async function rssAfterGc(sidecar: BenchSidecar): Promise<number> {
  await settledRssKb(sidecar.pid, 5000);
  await forceFullGc(sidecar.inspectPort!);
  return settledRssKb(sidecar.pid, 5000);
}

/** Open count more idle sockets, spread over the workers and over source addresses. */
async function openIdle(pool: WorkerPool<WorkerCommand>, sidecar: BenchSidecar, users: { id: string; username: string }[], count: number) {
  const counts = split(count, pool.size);
  const replies = await pool.all<Extract<WorkerReply, { evt: "opened" }>>(
    (i) => ({ cmd: "open", port: sidecar.port, secret: sidecar.secret, users, rooms: [], count: counts[i]!, localAddresses: sourceAddresses(4), concurrency: 200, subscribe: false }),
    120_000,
  );
  const failed = replies.reduce((n, r) => n + r.failed, 0);
  if (failed) throw new Error(`memory: ${failed} of ${count} sockets did not open (${replies.find((r) => r.failed)?.firstError})`);
}
