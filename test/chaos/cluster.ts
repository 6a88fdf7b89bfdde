import path from "node:path";
import { findHaproxy, haproxyArgs, sidecarBackends, writeHaproxyConfig, type Backend } from "../../scripts/launch/haproxy";
import { spawnLogged, stopProc, waitForHealthy, type Proc } from "../support/processes";

/*
 * N real sidecar processes (`node --import tsx realtime/main.ts`) on
 * basePort+1..N and HAProxy on basePort, rendered from deploy/haproxy.cfg by
 * the launcher's own renderer. Sidecars can be crashed and started again.
 */
export type ClusterOptions = { basePort: number; count: number; env: Record<string, string>; logDir: string };

export class SidecarCluster {
  readonly backends: Backend[];
  private readonly sidecars = new Map<string, Proc>();
  private balancer: Proc | null = null;

  constructor(private readonly options: ClusterOptions) {
    this.backends = sidecarBackends("127.0.0.1", options.basePort, options.count);
  }

  get socketUrl(): string {
    return `ws://127.0.0.1:${this.options.basePort}/ws`;
  }

  get names(): string[] {
    return this.backends.map((b) => b.name);
  }

  async start(): Promise<void> {
    await Promise.all(this.names.map((name) => this.startSidecar(name)));
    const plan = { host: "127.0.0.1", port: this.options.basePort, backends: this.backends };
    const configFile = writeHaproxyConfig(this.options.logDir, plan);
    this.balancer = this.spawn("haproxy", findHaproxy(), haproxyArgs(configFile), {});
    await this.healthyOrDead(this.balancer, this.options.basePort);
  }

  async startSidecar(name: string): Promise<void> {
    const backend = this.backends.find((b) => b.name === name)!;
    const env = { ...this.options.env, REALTIME_PORT: String(backend.port), NODE_ID: name };
    const proc = this.spawn(name, process.execPath, ["--import", "tsx", "realtime/main.ts"], env);
    this.sidecars.set(name, proc);
    await this.healthyOrDead(proc, backend.port);
  }

  /** kill -9: no graceful close, nothing flushed, like a crash. */
  async crashSidecar(name: string): Promise<void> {
    const proc = this.sidecars.get(name);
    if (proc) await stopProc(proc, "SIGKILL");
    this.sidecars.delete(name);
  }

  pidOf(name: string): number | undefined {
    return this.sidecars.get(name)?.child.pid;
  }

  async stop(): Promise<void> {
    if (this.balancer) await stopProc(this.balancer);
    await Promise.all([...this.sidecars.values()].map((proc) => stopProc(proc)));
    this.sidecars.clear();
  }

  /** Wait for /healthz, but fail at once (pointing at its log) if the process dies first. */
  private async healthyOrDead(proc: Proc, port: number): Promise<void> {
    const logFile = path.join(this.options.logDir, `${proc.name}.log`);
    const died = proc.exited.then(() => Promise.reject(new Error(`${proc.name} exited while starting; see ${logFile}`)));
    await Promise.race([waitForHealthy(`http://127.0.0.1:${port}/healthz`), died]);
  }

  private spawn(name: string, command: string, args: string[], env: Record<string, string>): Proc {
    const logFile = path.join(this.options.logDir, `${name}.log`);
    return spawnLogged(name, command, args, { ...process.env, ...env }, logFile);
  }
}
