import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, waitForPort } from "./ports";
import { spawnLogged, stopProc, type Proc } from "./processes";

/**
 * A Redis of the test's own (never the machine's shared one), so a test may
 * crash it, stop it and start it again on the same port.
 */
export class PrivateRedis {
  private proc: Proc | null = null;
  private ownsLogDir = false;

  constructor(
    readonly port: number,
    private readonly logDir: string,
  ) {}

  /** On a free port, logging to a temporary folder that stop() removes. */
  static async onFreePort(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), mkdtempSync(path.join(tmpdir(), "chat-redis-")));
    redis.ownsLogDir = true;
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.logDir];
    this.proc = spawnLogged({ name: "redis", command: "redis-server", args, logFile: path.join(this.logDir, "redis.log") });
    await waitForPort(this.port);
  }

  /** Like a crash: SIGKILL, nothing flushed. */
  async kill(): Promise<void> {
    if (this.proc) await stopProc(this.proc, "SIGKILL");
    this.proc = null;
  }

  async stop(): Promise<void> {
    if (this.proc) await stopProc(this.proc);
    this.proc = null;
    if (this.ownsLogDir) rmSync(this.logDir, { recursive: true, force: true });
  }
}
