import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { waitFor } from "../wait-for";
import { freePorts, waitForPort } from "./ports";
import { runToEnd, spawnLogged, stopProc, type Proc } from "./processes";

/*
 * A Redis Cluster of the test's own: N masters, no replicas, in a temporary
 * folder on free ports (each node's cluster bus on a free port of its own).
 * A node can be crashed and started again: its nodes.conf stays in the folder,
 * so it comes back as the same node owning the same slots (its data is gone:
 * no persistence). Short node timeout, so a failure is noticed and its FAIL
 * flag cleared again within seconds; without full coverage required, the
 * other masters keep serving their slots while one is down.
 */
export class PrivateRedisCluster {
  private procs = new Map<number, Proc>();

  private constructor(
    readonly ports: number[],
    private readonly busPorts: number[],
    private readonly dir: string,
    private readonly ownsDir: boolean,
  ) {}

  /** Starts the masters, joins them into one cluster and waits until every node says cluster_state:ok. */
  static async start(options: { masters?: number; dir?: string } = {}): Promise<PrivateRedisCluster> {
    const masters = options.masters ?? 3;
    const all = await freePorts(masters * 2);
    const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), "chat-redis-cluster-"));
    const cluster = new PrivateRedisCluster(all.slice(0, masters), all.slice(masters), dir, !options.dir);
    try {
      for (const port of cluster.ports) await cluster.startNode(port);
      const nodes = cluster.ports.map((port) => `127.0.0.1:${port}`);
      const created = await runToEnd({ command: "redis-cli", args: ["--cluster", "create", ...nodes, "--cluster-replicas", "0", "--cluster-yes"] });
      if (created.code !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.output}${created.stderr}`);
      await cluster.waitUntilOk();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The seed node for REDIS_URL (REDIS_MODE=cluster discovers the others). */
  get url(): string {
    return `redis://127.0.0.1:${this.ports[0]}`;
  }

  async startNode(port: number): Promise<void> {
    const bus = this.busPorts[this.ports.indexOf(port)]!;
    const args = [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", this.dir],
      ...["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`, "--cluster-port", String(bus)],
      ...["--cluster-node-timeout", "1000", "--cluster-require-full-coverage", "no", "--save", "", "--appendonly", "no"],
    ];
    const logFile = path.join(this.dir, `redis-${port}.log`);
    this.procs.set(port, spawnLogged({ name: `redis-${port}`, command: "redis-server", args, logFile }));
    await waitForPort(port);
  }

  /** Like a crash: SIGKILL, nothing flushed. */
  async killNode(port: number): Promise<void> {
    const proc = this.procs.get(port);
    if (proc) await stopProc(proc, "SIGKILL");
    this.procs.delete(port);
  }

  /** Every node reachable and reporting cluster_state:ok (after a restart too). */
  async waitUntilOk(timeoutMs = 30_000): Promise<void> {
    await waitFor(async () => {
      for (const port of this.ports) {
        const info = await this.onNode(port, (redis) => redis.cluster("INFO"));
        if (!String(info).includes("cluster_state:ok")) throw new Error(`127.0.0.1:${port} is not ok yet`);
      }
    }, { timeoutMs, intervalMs: 100 });
  }

  /** One short-lived connection to one node. */
  async onNode<T>(port: number, ask: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => {});
    try {
      await redis.connect();
      return await ask(redis);
    } finally {
      redis.disconnect();
    }
  }

  /** The node serving a key's (or sharded channel's) slot. */
  async portOfKey(key: string): Promise<number> {
    const slot = await this.onNode(this.ports[0]!, (redis) => redis.cluster("KEYSLOT", key));
    const shards = await this.onNode(this.ports[0]!, (redis) => redis.cluster("SLOTS"));
    const owner = shards.find(([from, to]) => from <= Number(slot) && Number(slot) <= to)?.[2];
    if (!owner) throw new Error(`no node serves slot ${String(slot)}`);
    return owner[1];
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.values()].map((proc) => stopProc(proc)));
    this.procs.clear();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}
