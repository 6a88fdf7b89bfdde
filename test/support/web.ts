import { randomBytes } from "node:crypto";
import { spawnLogged, startHealthy, stopProc, type Proc } from "./processes";

/*
 * The built web app as `npm run start:web` runs it, on a port of its own,
 * for the web tests, the e2e stacks and the bench. Resolves once /healthz answers.
 */
export type WebProcessOptions = {
  databaseUrl: string;
  /** The session secret; a random one otherwise (a sidecar that checks its tokens needs the same). */
  secret?: string;
  env?: Record<string, string>;
  /** A free one otherwise. */
  port?: number;
  logFile?: string;
  /** Outlives this process (e2e). */
  detached?: boolean;
  /** Every line it prints (stdout and stderr). */
  onLine?: (line: string) => void;
};

export type WebProcess = { base: string; port: number; pid: number; proc: Proc; stop(): Promise<void> };

/** node's arguments to run the built web app (add -p PORT -H HOST). */
export const webServerArgs = ["--import", "tsx", "scripts/web-server.ts"];

export async function startWeb(options: WebProcessOptions): Promise<WebProcess> {
  const secret = options.secret ?? randomBytes(32).toString("hex");
  const spawnOn = (port: number) =>
    spawnLogged({
      name: `web-${port}`,
      command: process.execPath,
      args: [...webServerArgs, "-p", String(port), "-H", "127.0.0.1"],
      // The production web app needs its public URL: here, the address the tests use.
      env: { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: `http://127.0.0.1:${port}`, ...options.env, DATABASE_URL: options.databaseUrl },
      logFile: options.logFile,
      detached: options.detached,
      onLine: options.onLine,
    });
  const { port, proc } = await startHealthy(options.port, spawnOn);
  return { base: `http://127.0.0.1:${port}`, port, pid: proc.pid, proc, stop: () => stopProc(proc) };
}
