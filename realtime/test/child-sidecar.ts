import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { secret } from "./helpers";

/** A sidecar in a process of its own, so a test can kill it with SIGKILL like a crash. */
export type ChildSidecar = { port: number; process: ChildProcess; kill(): Promise<void> };

export async function startChildSidecar(env: Record<string, string>): Promise<ChildSidecar> {
  const child = spawn(process.execPath, ["--import", "tsx", "realtime/main.ts"], {
    env: { ...process.env, NEXTAUTH_SECRET: secret, REALTIME_PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await listeningPort(child);
  return {
    port,
    process: child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The port from the sidecar's "listening" log line (pino JSON on stdout). */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("child sidecar did not start within 60 s")), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.once("exit", (code) => fail(new Error(`child sidecar exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const entry = parseLogLine(line);
      if (entry?.msg !== "realtime sidecar listening" || !entry.port) return;
      clearTimeout(timer);
      resolve(entry.port);
    });
  });
}

function parseLogLine(line: string): { msg?: string; port?: number } | null {
  try {
    return JSON.parse(line) as { msg?: string; port?: number };
  } catch {
    return null;
  }
}
