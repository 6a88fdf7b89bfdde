import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import * as hdr from "hdr-histogram-js";
import { cpuSeconds } from "../lib/proc-stats";
import { wrapCommand } from "../lib/spawn";
import { emptyCounters, type ClientSpec, type Counters } from "./client";
import type { Command, LoadResult, OpenResult, Reply } from "./commands";
import type { Dialect } from "./dialects";

/*
 * The load generator: several worker processes (never the server's process),
 * each pinned to the given CPUs and allowed 200k sockets. Clients are dealt
 * round-robin over the workers and over source addresses 127.0.0.2..9, so no
 * single address runs out of its ~28k ephemeral ports.
 *
 *   const gen = await LoadGenerator.start({ workers: 3, cpus: "1", logDir });
 *   await gen.open({ url, dialect: "chat", clients: [{ token, rooms: [{ room }], sender: true }] });
 *   await gen.load({ ratePerSecond: 2000, durationMs: 5000, bodyBytes: 64 });
 *   const { message } = await gen.stats(); // deliveries received so far
 *   await gen.stop();
 */
export type { ClientSpec, Counters, Dialect, LoadResult, OpenResult };
export type Stats = Counters & { connected: number };
export type OpenOptions = { url: string; dialect: Dialect; clients: ClientSpec[]; timeoutMs?: number; concurrency?: number };

export const sourceAddresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

class Worker {
  private nextId = 0;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  constructor(readonly child: ChildProcess) {
    child.on("message", (reply: Reply) => {
      const entry = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) entry?.resolve(reply.result);
      else entry?.reject(new Error(reply.error));
    });
    child.on("exit", () => this.waiting.forEach((w) => w.reject(new Error("generator worker exited"))));
  }
  call<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...command, id });
    });
  }
}

export class LoadGenerator {
  private senderShare: number[];
  private constructor(private workers: Worker[]) {
    this.senderShare = workers.map(() => 0);
  }

  static async start(options: { workers: number; cpus?: string; logDir: string }): Promise<LoadGenerator> {
    const workers = Array.from({ length: options.workers }, (_, i) => {
      const node = [process.execPath, "--import", "tsx", "bench/generator/worker.ts"];
      const command = wrapCommand(node, options.cpus);
      const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "pipe", "ipc"] });
      const log = createWriteStream(path.join(options.logDir, `generator-${i}.log`), { flags: "a" });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      return new Worker(child);
    });
    const generator = new LoadGenerator(workers);
    await generator.stats(); // every worker is up and answering
    return generator;
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!).filter(Boolean);
  }

  /** CPU seconds all workers have used so far. */
  cpuSeconds(): number {
    return this.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }

  /** Open the clients (dealt round-robin over the workers) and wait until each is subscribed or failed. */
  async open(options: OpenOptions): Promise<OpenResult> {
    const shares = this.workers.map((_, w) => options.clients.filter((_, i) => i % this.workers.length === w));
    shares.forEach((share, w) => (this.senderShare[w]! += share.filter((c) => c.sender).length));
    const results = await Promise.all(
      this.workers.map((worker, w) =>
        worker.call<OpenResult>({
          cmd: "open",
          url: options.url,
          dialect: options.dialect,
          clients: shares[w]!,
          localAddresses: sourceAddresses,
          timeoutMs: options.timeoutMs ?? 60_000,
          concurrency: options.concurrency ?? 256,
        }),
      ),
    );
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
    const results = await Promise.all(
      this.workers.map((worker, w) => {
        const ratePerSecond = senders ? (options.ratePerSecond * this.senderShare[w]!) / senders : 0;
        return worker.call<LoadResult>({ cmd: "load", ...options, ratePerSecond });
      }),
    );
    return { sent: sum(results.map((r) => r.sent)), elapsedMs: Math.max(...results.map((r) => r.elapsedMs)) };
  }

  /** Frame counts summed over the workers (cumulative since start). */
  async stats(): Promise<Stats> {
    const all = await Promise.all(this.workers.map((w) => w.call<Stats>({ cmd: "stats" })));
    const total = { ...emptyCounters(), connected: 0 } as Stats;
    for (const stats of all) for (const key of Object.keys(total) as (keyof Stats)[]) total[key] += stats[key];
    return total;
  }

  /** Latency (µs) recorded by probe clients, merged; reset starts a fresh one. */
  async histogram(reset = true): Promise<hdr.Histogram> {
    const encoded = await Promise.all(this.workers.map((w) => w.call<string>({ cmd: "histogram", reset })));
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
    for (const e of encoded) merged.add(hdr.decodeFromCompressedBase64(e));
    return merged;
  }

  /** Drop every client at once (sockets destroyed, no close handshake). */
  async drop(): Promise<number> {
    this.senderShare = this.workers.map(() => 0);
    return sum(await Promise.all(this.workers.map((w) => w.call<number>({ cmd: "drop" }))));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return;
        const exited = new Promise((resolve) => w.child.once("exit", resolve));
        if (w.child.exitCode === null) await w.call({ cmd: "exit" }).catch(() => {});
        const timer = setTimeout(() => w.child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
