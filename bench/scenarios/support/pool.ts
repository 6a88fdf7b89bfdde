import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { withManyFiles } from "./limits";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

const workerFile = fileURLToPath(new URL("./worker.ts", import.meta.url));

/**
 * Load-generator processes (separate from the sidecar and from the runner).
 * Each command goes to every worker and waits for every reply, bounded by
 * timeoutMs; close() ends them by their own pids.
 */
export class WorkerPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(count: number): WorkerPool {
    const children = Array.from({ length: count }, () => {
      const [command, args] = withManyFiles(process.execPath, ["--import", "tsx", workerFile]);
      return spawn(command, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    });
    return new WorkerPool(children);
  }

  get size(): number {
    return this.children.length;
  }

  /** Send commandFor(i) to worker i; resolves with all replies in worker order. */
  async request<R extends WorkerReply>(commandFor: (i: number) => WorkerCommand, timeoutMs: number): Promise<R[]> {
    const replies = await Promise.all(this.children.map((child, i) => ask(child, commandFor(i), timeoutMs)));
    const failure = replies.find((r) => r.evt === "failed");
    if (failure && failure.evt === "failed") throw new Error(`load generator: ${failure.error}`);
    return replies as R[];
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => stopChild(child)));
  }
}

function ask(child: ChildProcess, command: WorkerCommand, timeoutMs: number): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${child.pid} gave no answer to ${command.cmd} in ${timeoutMs} ms`)), timeoutMs);
    child.once("message", (reply: WorkerReply) => (clearTimeout(timer), resolve(reply)));
    child.send(command);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => (clearTimeout(kill), resolve()));
    if (child.connected) child.send({ cmd: "close" } satisfies WorkerCommand);
    else child.kill("SIGTERM");
  });
}
