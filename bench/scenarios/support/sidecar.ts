import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, spawnLogged, stopProc, waitForHealthy, type Proc } from "../../../test/support/processes";
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
  const profile = profileFlags();
  if (inspectPort) profile.push(`--inspect=127.0.0.1:${inspectPort}`);
  const [command, args] = withManyFiles(process.execPath, [...profile, "--import", "tsx", "realtime/main.ts"]);
  const proc: Proc = spawnLogged("sidecar", command, args, {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secret,
    REALTIME_PORT: String(port),
    LOG_LEVEL: "warn",
    ...benchLimitsOff,
    ...env,
  }, logFile);
  const pid = proc.child.pid!;
  try {
    await waitForHealthy(`http://127.0.0.1:${port}/healthz`, 30_000);
  } catch (error) {
    await stopProc(proc, "SIGKILL");
    throw new Error(`sidecar did not start (log: ${logFile}): ${String(error)}`);
  }
  return { port, pid, secret, logFile, inspectPort, stop: () => stopProc(proc, "SIGTERM", 10_000) };
}
