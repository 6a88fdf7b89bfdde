import { fileURLToPath } from "node:url";
import * as hdr from "hdr-histogram-js";
import { sourceAddresses, WorkerPool } from "../lib/pool";
import { emptyCounters, type ClientSpec, type Counters } from "./client";
import type { Command, LoadResult, OpenResult } from "./commands";
import type { Dialect } from "./dialects";

/*
 * The load generator for throughput and latency: raw WebSocket clients in
 * several worker processes (never the server's), each pinned to the given
 * CPUs. Clients are dealt round-robin over the workers and over source
 * addresses 127.0.0.2..9, so no single address runs out of its ~28k
 * ephemeral ports. Usage: bench/README.md.
 */
export type { ClientSpec, Counters, Dialect, LoadResult, OpenResult };
export type Stats = Counters & { connected: number };
export type OpenOptions = { url: string; dialect: Dialect; clients: ClientSpec[]; timeoutMs?: number; concurrency?: number };

const workerScript = fileURLToPath(new URL("./worker.ts", import.meta.url));
const localAddresses = sourceAddresses(8);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export class LoadGenerator {
  private senderShare: number[];

  private constructor(private pool: WorkerPool<Command>) {
    this.senderShare = Array.from({ length: pool.size }, () => 0);
  }

  static async start(options: { workers: number; cpus?: string; logDir: string }): Promise<LoadGenerator> {
    const pool = WorkerPool.start<Command>({ script: workerScript, name: "generator", count: options.workers, cpus: options.cpus, logDir: options.logDir });
    const generator = new LoadGenerator(pool);
    await generator.stats(); // every worker is up and answering
    return generator;
  }

  /** CPU seconds all workers have used so far. */
  cpuSeconds(): number {
    return this.pool.cpuSeconds();
  }

  /** Open the clients (dealt round-robin over the workers) and wait until each is subscribed or failed. */
  async open(options: OpenOptions): Promise<OpenResult> {
    const workers = this.pool.size;
    const shares = this.senderShare.map((_, w) => options.clients.filter((_, i) => i % workers === w));
    shares.forEach((share, w) => (this.senderShare[w]! += share.filter((c) => c.sender).length));
    const results = await this.pool.all<OpenResult>((w) => ({
      cmd: "open",
      url: options.url,
      dialect: options.dialect,
      clients: shares[w]!,
      localAddresses,
      timeoutMs: options.timeoutMs ?? 60_000,
      concurrency: options.concurrency ?? 256,
    }));
    return {
      requested: sum(results.map((r) => r.requested)),
      subscribed: sum(results.map((r) => r.subscribed)),
      failed: sum(results.map((r) => r.failed)),
      failures: [...new Set(results.flatMap((r) => r.failures))].slice(0, 5),
      elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
    };
  }

  /** Offer ratePerSecond sends in total, split over the workers by their number of senders. */
  async load(options: { ratePerSecond: number; durationMs: number; bodyBytes: number }): Promise<LoadResult> {
    const senders = sum(this.senderShare);
    const results = await this.pool.all<LoadResult>((w) => {
      const ratePerSecond = senders ? (options.ratePerSecond * this.senderShare[w]!) / senders : 0;
      return { cmd: "load", ...options, ratePerSecond };
    });
    return { sent: sum(results.map((r) => r.sent)), elapsedMs: Math.max(...results.map((r) => r.elapsedMs)) };
  }

  /** Frame counts summed over the workers (cumulative since start). */
  async stats(): Promise<Stats> {
    const all = await this.pool.all<Stats>(() => ({ cmd: "stats" }));
    const total = { ...emptyCounters(), connected: 0 } as Stats;
    for (const stats of all) for (const key of Object.keys(total) as (keyof Stats)[]) total[key] += stats[key];
    return total;
  }

  /** Latency (µs) recorded by probe clients, merged; reset starts a fresh one. */
  async histogram(reset = true): Promise<hdr.Histogram> {
    const encoded = await this.pool.all<string>(() => ({ cmd: "histogram", reset }));
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
    for (const e of encoded) merged.add(hdr.decodeFromCompressedBase64(e));
    return merged;
  }

  /** Drop every client at once (sockets destroyed, no close handshake). */
  async drop(): Promise<number> {
    this.senderShare = this.senderShare.map(() => 0);
    return sum(await this.pool.all<number>(() => ({ cmd: "drop" })));
  }

  stop(): Promise<void> {
    return this.pool.stop();
  }
}
