import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../../test/support/ports";
import { startSidecarProcess } from "../../../test/support/sidecar";
import { profileFlags, withManyFiles } from "../../lib/spawn";
import { benchLimitsOff } from "../../lib/limits-off";

export type BenchSidecar = { port: number; pid: number; secret: string; logFile: string; inspectPort?: number; stop: () => Promise<void> };

/**
 * The real sidecar as its own process (never in the load generator's), with a
 * rate limit high enough not to refuse load and room for 50k+ sockets.
 * env overrides the defaults (e.g. REDIS_URL, BATCH_MAX_MESSAGES). inspect:
 * open the inspector on loopback, so the harness can force a full GC (gc.ts).
 */
export async function startBenchSidecar(databaseUrl: string, env: Record<string, string> = {}, { inspect = false } = {}): Promise<BenchSidecar> {
  const port = await freePort();
  const inspectPort = inspect ? await freePort() : undefined;
  const secret = randomBytes(32).toString("hex");
  const logFile = join(tmpdir(), `bench-sidecar-${port}.log`);
  const nodeFlags = [...profileFlags(), ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [])];
  const wrapCommand = ([command, ...args]: string[]) => {
    const [wrapped, wrappedArgs] = withManyFiles(command!, args);
    return [wrapped, ...wrappedArgs];
  };
  const sidecar = await startSidecarProcess({
    databaseUrl,
    secret,
    port,
    name: "sidecar",
    env: { LOG_LEVEL: "warn", ...benchLimitsOff, ...env },
    nodeFlags,
    wrapCommand,
    logFile,
    startTimeoutMs: 30_000,
  });
  return { port, pid: sidecar.pid, secret, logFile, inspectPort, stop: () => sidecar.stop() };
}
