import path from "node:path";
import { findHaproxy, haproxyArgs, writeHaproxyConfig, type Backend } from "../../scripts/launch/haproxy";
import { freePorts } from "../support/ports";
import { spawnLogged, stopProc, waitForHealthy, type Proc } from "../support/processes";
import { startSidecarProcess, type SidecarProcess } from "../support/sidecar";

/*
 * N real sidecar processes behind HAProxy (rendered from deploy/haproxy.cfg by
 * the launcher's own renderer), each on a free port. Sidecars can be crashed,
 * or restarted gracefully, and started again on their port.
 */
export type ClusterOptions = { databaseUrl: string; secret: string; count: number; env: Record<string, string>; logDir: string };

export class SidecarCluster {
  private readonly sidecars = new Map<string, SidecarProcess>();
  private balancer: Proc | null = null;

  private constructor(
    private readonly options: ClusterOptions,
    readonly balancerPort: number,
    readonly backends: Backend[],
  ) {}

  /** Ports are chosen now; nothing runs until start(). */
  static async create(options: ClusterOptions): Promise<SidecarCluster> {
    const [balancerPort, ...ports] = await freePorts(options.count + 1);
    const backends = ports.map((port, i) => ({ name: `sidecar-${i + 1}`, host: "127.0.0.1", port }));
    return new SidecarCluster(options, balancerPort!, backends);
  }

  get socketUrl(): string {
    return `ws://127.0.0.1:${this.balancerPort}/ws`;
  }

  get names(): string[] {
    return this.backends.map((b) => b.name);
  }

  async start(): Promise<void> {
    await Promise.all(this.names.map((name) => this.startSidecar(name)));
    const plan = { host: "127.0.0.1", port: this.balancerPort, backends: this.backends };
    const configFile = writeHaproxyConfig(this.options.logDir, plan);
    const logFile = path.join(this.options.logDir, "haproxy.log");
    this.balancer = spawnLogged({ name: "haproxy", command: findHaproxy(), args: haproxyArgs(configFile), logFile });
    await waitForHealthy(`http://127.0.0.1:${this.balancerPort}/healthz`, 30_000, this.balancer);
  }

  async startSidecar(name: string): Promise<void> {
    const { port } = this.backends.find((b) => b.name === name)!;
    const { databaseUrl, secret, env, logDir } = this.options;
    const logFile = path.join(logDir, `${name}.log`);
    this.sidecars.set(name, await startSidecarProcess({ databaseUrl, secret, name, port, logFile, env: { ...env, NODE_ID: name } }));
  }

  /** kill -9: no graceful close, nothing flushed, like a crash. */
  async crashSidecar(name: string): Promise<void> {
    await this.sidecars.get(name)?.stop("SIGKILL");
    this.sidecars.delete(name);
  }

  /** A rolling restart's step: SIGTERM (drain), exit 0 within the drain deadline, started again on its port and ready. Resolves with how long the drain took. */
  async restartSidecar(name: string): Promise<{ drainMs: number }> {
    const sidecar = this.sidecars.get(name);
    if (!sidecar) throw new Error(`${name} is not running`);
    sidecar.proc.child.kill("SIGTERM");
    const signalledAt = Date.now();
    const code = await sidecar.proc.exited;
    const drainMs = Date.now() - signalledAt;
    this.sidecars.delete(name);
    if (code !== 0) throw new Error(`${name} exited with ${code} after SIGTERM; see ${sidecar.proc.logFile}`);
    await this.startSidecar(name);
    return { drainMs };
  }

  pidOf(name: string): number | undefined {
    return this.sidecars.get(name)?.pid;
  }

  async stop(): Promise<void> {
    if (this.balancer) await stopProc(this.balancer);
    await Promise.all([...this.sidecars.values()].map((sidecar) => sidecar.stop()));
    this.sidecars.clear();
  }
}
