import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { exitCommand, type Command, type Reply, type Request } from "./pool-worker";
import { totalCpuSeconds } from "./proc-stats";
import { wrapCommand } from "./spawn";

/*
 * Load-generator processes, never the server's or the runner's: `count`
 * copies of one worker script (serveCommands is its side), each allowed many
 * sockets, pinned to `cpus` when given, writing to <logDir>/<name>-<i>.log.
 * A call goes to one worker and resolves with its answer; stop() ends the
 * workers by their own pids.
 */
export type PoolOptions = { script: string; name: string; count: number; logDir: string; cpus?: string };

/** 127.0.0.2, 127.0.0.3, ...: each source address has its own ~28k ephemeral ports. */
export const sourceAddresses = (count: number): string[] => Array.from({ length: count }, (_, i) => `127.0.0.${i + 2}`);

/** total dealt over parts as evenly as it goes, the first parts taking the remainder. */
export const split = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

type Waiting = { resolve: (value: unknown) => void; reject: (error: Error) => void };

class PoolWorker {
  private nextId = 0;
  private waiting = new Map<number, Waiting>();

  constructor(
    readonly child: ChildProcess,
    private readonly label: string,
  ) {
    child.on("message", (reply: Reply) => {
      const entry = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) entry?.resolve(reply.result);
      else entry?.reject(new Error(`${label}: ${reply.error}`));
    });
    child.on("exit", () => {
      this.waiting.forEach((w) => w.reject(new Error(`${label} exited`)));
      this.waiting.clear();
    });
  }

  call<T>(command: Command, timeoutMs?: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => (this.waiting.delete(id), reject(error));
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => fail(new Error(`${this.label} gave no answer to ${command.cmd} in ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.child.send({ id, command } satisfies Request, (error) => error && fail(error));
    });
  }

  async stop(): Promise<void> {
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
    if (child.connected) await this.call(exitCommand).catch(() => {});
    else child.kill("SIGTERM");
    await exited;
    clearTimeout(kill);
  }
}

export class WorkerPool<C extends Command> {
  private constructor(private readonly workers: PoolWorker[]) {}

  static start<C extends Command>(options: PoolOptions): WorkerPool<C> {
    const workers = Array.from({ length: options.count }, (_, i) => {
      const command = wrapCommand([process.execPath, "--import", "tsx", options.script], options.cpus);
      const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "pipe", "ipc"] });
      const logFile = path.join(options.logDir, `${options.name}-${i}.log`);
      const log = createWriteStream(logFile, { flags: "a" });
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      return new PoolWorker(child, `${options.name} worker ${i} (log: ${logFile})`);
    });
    return new WorkerPool<C>(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  get pids(): number[] {
    return this.workers.flatMap((w) => (w.child.pid ? [w.child.pid] : []));
  }

  /** CPU seconds all workers have used so far. */
  cpuSeconds(): number {
    return totalCpuSeconds(this.pids);
  }

  /** One command to worker i; without timeoutMs it waits as long as the worker lives. */
  call<T>(i: number, command: C, timeoutMs?: number): Promise<T> {
    return this.workers[i]!.call<T>(command, timeoutMs);
  }

  /** commandFor(i) to every worker i; the answers in worker order. */
  all<T>(commandFor: (i: number) => C, timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.workers.map((w, i) => w.call<T>(commandFor(i), timeoutMs)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
