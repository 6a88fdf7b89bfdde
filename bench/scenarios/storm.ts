import { setTimeout as sleep } from "node:timers/promises";
import type { TestDatabase } from "../../test/db";
import { sourceAddresses, split, type WorkerPool } from "../lib/pool";
import { cpuSeconds, machineBusySeconds } from "../lib/proc-stats";
import { createRooms, createUsers } from "../lib/seed";
import { createBenchDatabase, startBenchSidecar } from "../lib/stack";
import { logDirFor } from "../lib/log-dir";
import type { Measurement, Scenario } from "../lib/types";
import { startSteadySender } from "./support/steady-sender";
import { startSessionWorkers, type WorkerCommand, type WorkerReply } from "./support/worker-protocol";

/*
 * Reconnect storm: N clients (100 per room, each its own user) subscribed on
 * one sidecar while messages keep coming (2 per room per second). All N
 * sockets are cut at once (terminate, no close handshake); each reconnects at
 * once, resubscribes with `since` = the last seq it holds, and is caught up
 * when it has every change up to the lastSeq its subscribed frame reported.
 * T = time from the cut until the last client caught up. Target:
 * T(10k) <= 10x T(1k) (quick: 200 vs 1k).
 */
const perRoom = 100;
const perWorker = 2500;

type Env = { database: TestDatabase; quick: boolean; log: (line: string) => void; logDir: string };

export const run: Scenario = async ({ quick, log, outDir }) => {
  const [smallN, bigN] = quick ? [200, 1000] : [1000, 10_000];
  const database = await createBenchDatabase();
  try {
    const env: Env = { database, quick, log, logDir: logDirFor(outDir, "storm") };
    // The small storm is short and noisy: the median of three cuts.
    const small = await storm(env, smallN, 3);
    const big = await storm(env, bigN, 1);
    const ratio = big.value / small.value;
    return {
      scenario: "storm",
      measurements: [small, big],
      ratios: [{ name: `storm: T(${bigN}) / T(${smallN})`, ratio, target: "<= 10", met: ratio <= 10 }],
      notes: ["clients reconnect at once with no backoff or jitter (the worst case); T includes the TCP+upgrade+JWT, subscribe and replay"],
    };
  } finally {
    await database.drop();
  }
};

async function storm({ database, log, ...env }: Env, n: number, cuts: number): Promise<Measurement> {
  const users = await createUsers(database.db, n + 1, `storm${n}`);
  const rooms = await createRooms(database.db, users[0]!.id, Math.max(2, Math.ceil(n / perRoom)));
  const sidecar = await startBenchSidecar({ databaseUrl: database.url, logDir: env.logDir });
  const pool = startSessionWorkers(Math.max(2, Math.ceil(n / perWorker)), env.logDir);
  let sender: Awaited<ReturnType<typeof startSteadySender>> | undefined;
  try {
    const setupStarted = Date.now();
    const counts = split(n, pool.size);
    const firstOf = (i: number) => 1 + counts.slice(0, i).reduce((a, b) => a + b, 0);
    const opened = await pool.all<Extract<WorkerReply, { evt: "opened" }>>(
      (i) => ({ cmd: "open", port: sidecar.port, secret: sidecar.secret, users: users.slice(firstOf(i), firstOf(i) + counts[i]!), rooms, count: counts[i]!, localAddresses: sourceAddresses(4), concurrency: 200, subscribe: true }),
      90_000,
    );
    const failed = opened.reduce((s, r) => s + r.failed, 0);
    if (failed) throw new Error(`storm: ${failed} of ${n} clients did not subscribe (${opened.find((r) => r.failed)?.firstError})`);
    log(`storm: ${n} clients connected and subscribed in ${Date.now() - setupStarted} ms`);
    sender = await startSteadySender(sidecar.port, sidecar.secret, users[0]!, rooms, 500);
    await sleep(2000);
    const times: number[] = [];
    const [cpu0, busy0] = [cpuSeconds(sidecar.pid), machineBusySeconds()];
    for (let cut = 0; cut < cuts; cut++) times.push(await cutAll(pool, n, env.quick, log));
    // Who was busy during the cuts: the sidecar (of one core) and the whole 2-core box (generators and PostgreSQL included).
    const spent = (cuts * 1000 + times.reduce((a, b) => a + b, 0)) / 1000;
    const sidecarCpuPercent = Math.round((100 * (cpuSeconds(sidecar.pid) - cpu0)) / spent);
    const machineBusyPercent = Math.round((100 * (machineBusySeconds() - busy0)) / spent);
    const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    const detail = { clients: n, rooms: rooms.length, cuts, allCutsMs: times.join(" "), sidecarCpuPercent, machineBusyPercent, messagesAcked: sender.acked() };
    return { subject: "sidecar", metric: `reconnect storm: all ${n} caught up`, value: ms, unit: "ms", detail };
  } finally {
    sender?.stop();
    await pool.stop();
    await sidecar.stop();
  }
}

/** One cut of every socket; ms until the last client caught up. */
async function cutAll(pool: WorkerPool<WorkerCommand>, n: number, quick: boolean, log: (line: string) => void): Promise<number> {
  log(`storm: cutting ${n} subscribed clients at once`);
  const replies = await pool.all<Extract<WorkerReply, { evt: "caughtUp" }>>(() => ({ cmd: "drop", timeoutMs: quick ? 20_000 : 60_000 }), 90_000);
  const lost = replies.reduce((s, r) => s + r.failed, 0);
  if (lost) throw new Error(`storm: ${lost} of ${n} clients did not catch up in time: ${replies.flatMap((r) => r.why).join("; ")}`);
  const ms = Math.max(...replies.map((r) => r.ms));
  log(`storm: ${n} clients back and caught up in ${ms} ms (${replies.reduce((s, r) => s + r.retries, 0)} handshakes retried)`);
  await sleep(1000); // let the replayed backlog and presence settle before the next cut
  return ms;
}
