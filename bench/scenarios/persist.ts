import { sql } from "drizzle-orm";
import { insertScript, pgbenchTps, scratchSequencesSql } from "../lib/pgbench";
import { sourceAddresses, split } from "../lib/pool";
import { cpuSeconds } from "../lib/proc-stats";
import { createRooms, createUsers, type BenchUser } from "../lib/seed";
import { checkpoint, createBenchDatabase, machineRedisUrl, startBenchSidecar } from "../lib/stack";
import { logDirFor } from "../lib/log-dir";
import type { Measurement, Scenario } from "../lib/types";
import { startSessionWorkers, type WorkerReply } from "./support/worker-protocol";

/*
 * Persisted messages/s: the database's own ceiling (pgbench, multi-row and
 * single-row INSERTs into the real messages table) against the sidecar's
 * acked sends (an ack follows the commit) under many pipelined senders, on
 * the same database in the same run. Target: sidecar >= 0.5x multi-row.
 */
const body = "benchmark message body, about as long as a chat line";

export const run: Scenario = async ({ quick, log, outDir }) => {
  const size = quick
    ? { pgSeconds: 3, seconds: 4, workers: 2, clients: 40, inFlight: 16, rooms: 10 }
    : { pgSeconds: 8, seconds: 10, workers: 3, clients: 120, inFlight: 16, rooms: 10 };
  const database = await createBenchDatabase();
  try {
    const users = await createUsers(database.db, 10);
    const owner = users[0]!;
    const [scratchRoom, ...rooms] = await createRooms(database.db, owner.id, size.rooms + 1);
    await database.db.execute(sql.raw(scratchSequencesSql));
    await checkpoint(database);
    const shape = { roomId: scratchRoom!, authorId: owner.id, body };
    log(`persist: pgbench ${size.pgSeconds}s multi-row and single-row`);
    const multiRowPerSecond = 100 * (await pgbenchTps(database.url, insertScript(shape, 100), 4, size.pgSeconds));
    const singleRowPerSecond = await pgbenchTps(database.url, insertScript(shape, 1), 8, size.pgSeconds);
    log(`persist: sidecar, ${size.clients} senders x ${size.inFlight} in flight, ${size.seconds}s`);
    await checkpoint(database);
    const sidecar = await measureSidecar(database.url, users, rooms, size, logDirFor(outDir, "persist"));
    const stored = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from messages where room_id <> ${scratchRoom}`);
    const ratio = sidecar.perSecond / multiRowPerSecond;
    const measurements: Measurement[] = [
      { subject: "pgbench multi-row", metric: "rows inserted per second", value: multiRowPerSecond, unit: "1/s", detail: { rowsPerStatement: 100, clients: 4 } },
      { subject: "pgbench single-row", metric: "rows inserted per second", value: singleRowPerSecond, unit: "1/s", detail: { rowsPerStatement: 1, clients: 8, autocommit: true } },
      { subject: "sidecar", metric: "persisted (acked) messages per second", value: sidecar.perSecond, unit: "1/s", detail: { ...sidecar.detail, storedRows: stored[0]!.n } },
    ];
    return {
      scenario: "persist",
      measurements,
      ratios: [{ name: "persist: sidecar / pgbench multi-row", ratio, target: ">= 0.5", met: ratio >= 0.5 }],
      notes: [`sidecar: ${sidecar.detail.cpuPercent}% of one core; defaults BATCH_MAX_MESSAGES=256, BATCH_WINDOW_MS=0, BATCH_LANES=4; Redis on (rate limit per user per loop turn)`],
    };
  } finally {
    await database.drop();
  }
};

type Size = { seconds: number; workers: number; clients: number; inFlight: number };

async function measureSidecar(databaseUrl: string, users: BenchUser[], rooms: string[], size: Size, logDir: string) {
  const sidecar = await startBenchSidecar({ databaseUrl, logDir, redisUrl: machineRedisUrl });
  const pool = startSessionWorkers(size.workers, logDir);
  try {
    const counts = split(size.clients, size.workers);
    const sources = sourceAddresses(4);
    await pool.all((i) => ({ cmd: "open", port: sidecar.port, secret: sidecar.secret, users, rooms, count: counts[i]!, localAddresses: sources, concurrency: 100, subscribe: false }), 60_000);
    const warmupMs = 1000;
    const cpuBefore = cpuSeconds(sidecar.pid);
    const replies = await pool.all<Extract<WorkerReply, { evt: "sent" }>>(
      () => ({ cmd: "send", inFlight: size.inFlight, warmupMs, durationMs: size.seconds * 1000 }),
      (size.seconds + 20) * 1000,
    );
    const cpu = cpuSeconds(sidecar.pid) - cpuBefore;
    const acked = replies.reduce((n, r) => n + r.acksInWindow, 0);
    const errors = replies.reduce((n, r) => n + r.errors, 0);
    const detail = { senders: size.clients, inFlightPerSender: size.inFlight, rooms: rooms.length, seconds: size.seconds, errors, cpuPercent: Math.round((100 * cpu) / (size.seconds + warmupMs / 1000 + 0.5)) };
    if (errors) detail.errors = errors;
    return { perSecond: acked / size.seconds, detail };
  } finally {
    await pool.stop();
    await sidecar.stop();
  }
}
