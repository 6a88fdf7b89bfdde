import { spawnLogged, startHealthy, stopProc, type Proc } from "./processes";

/*
 * The sidecar as a process of its own (`node --import tsx realtime/main.ts`),
 * the one launcher of the integration tests, the chaos cluster, the e2e
 * stacks and the bench: a crash is an exit the caller sees, and kill -9 is a
 * real crash. Resolves once it answers /healthz.
 */
export type SidecarProcessOptions = {
  databaseUrl: string;
  secret: string;
  /** More settings (REDIS_URL, limits, NODE_ID, LOG_LEVEL...) on top of this process's env. */
  env?: Record<string, string>;
  name?: string;
  /** A port of the caller's (e.g. one a balancer forwards to); a free one otherwise. */
  port?: number;
  /** e.g. --cpu-prof, --inspect=... */
  nodeFlags?: string[];
  /** Wraps the node command line, e.g. in taskset and prlimit (the bench). */
  wrapCommand?: (command: string[]) => string[];
  logFile?: string;
  /** Outlives this process (e2e). */
  detached?: boolean;
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
};

export type SidecarProcess = {
  name: string;
  port: number;
  /** The socket's URL, ws://127.0.0.1:port/ws. */
  url: string;
  pid: number;
  proc: Proc;
  /** SIGTERM: a graceful stop; SIGKILL: a crash. Resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** node's arguments to run the sidecar, as `npm run start:realtime` does. */
export const sidecarArgs = ["--import", "tsx", "realtime/main.ts"];

export async function startSidecarProcess(options: SidecarProcessOptions): Promise<SidecarProcess> {
  const { port, proc } = await startHealthy(options.port, (port) => spawnSidecar(options, port), options.startTimeoutMs);
  return {
    name: proc.name,
    port,
    url: `ws://127.0.0.1:${port}/ws`,
    pid: proc.pid,
    proc,
    stop: (signal = "SIGTERM") => stopProc(proc, signal),
  };
}

function spawnSidecar(options: SidecarProcessOptions, port: number): Proc {
  const node = [process.execPath, ...(options.nodeFlags ?? []), ...sidecarArgs];
  const [command, ...args] = options.wrapCommand ? options.wrapCommand(node) : node;
  return spawnLogged({
    name: options.name ?? `sidecar-${port}`,
    command: command!,
    args,
    env: { ...options.env, DATABASE_URL: options.databaseUrl, NEXTAUTH_SECRET: options.secret, REALTIME_PORT: String(port) },
    logFile: options.logFile,
    detached: options.detached,
    onLine: options.onLine,
  });
}
