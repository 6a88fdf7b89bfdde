import { freePort } from "../../test/support/ports";
import { waitForHealthy } from "../../test/support/processes";
import type { Dialect } from "../generator/dialects";
import { spawnNode, type BenchProc } from "../lib/spawn";
import { machineRedisUrl, uniqueRedisPrefix } from "../lib/stack";

/* Start a baseline server as its own process and wait until it answers /healthz. */
export type BaselineName = "bare-uws" | "ws" | "socket.io";
export type ServerProc = BenchProc & { url: string; dialect: Dialect };

const scripts: Record<BaselineName, string> = {
  "bare-uws": "bench/servers/bare-uws.ts",
  ws: "bench/servers/ws-broadcast.ts",
  "socket.io": "bench/servers/socketio.ts",
};

export async function startBaseline(name: BaselineName, options: { logDir: string; cpus?: string }): Promise<ServerProc> {
  const port = await freePort();
  const env = { PORT: String(port), REDIS_URL: machineRedisUrl, REDIS_KEY_PREFIX: uniqueRedisPrefix() };
  const proc = spawnNode(`baseline-${name.replace(".", "")}`, scripts[name], [], { env, cpus: options.cpus, logDir: options.logDir });
  try {
    await waitForHealthy(`http://127.0.0.1:${port}/healthz`, 30_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  const socketio = name === "socket.io";
  const url = socketio ? `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket` : `ws://127.0.0.1:${port}/ws`;
  return { ...proc, url, dialect: socketio ? "socket.io" : "chat" };
}
