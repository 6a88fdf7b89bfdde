import path from "node:path";
import { spawnLogged, stopProc, waitForPort, type Proc } from "./processes";

/** A Redis of the test's own (never the machine's shared one), stopped and started on the same port. */
export class PrivateRedis {
  private proc: Proc | null = null;

  constructor(readonly port: number, private readonly logDir: string) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    this.proc = spawnLogged("redis", "redis-server", args, process.env, path.join(this.logDir, "redis.log"));
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    if (this.proc) await stopProc(this.proc);
    this.proc = null;
  }
}
