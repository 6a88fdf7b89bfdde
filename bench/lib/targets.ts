import { startBaseline, type BaselineName, type ServerProc } from "../servers/index";
import { machineRedisUrl, startBenchSidecar } from "./stack";

/* A server under load: our sidecar (auth, validation, PostgreSQL, Redis broker) or a baseline. */
export type TargetName = "sidecar" | BaselineName;
export const allTargets: TargetName[] = ["bare-uws", "sidecar", "ws", "socket.io"];

export type TargetOptions = { databaseUrl: string; logDir: string; cpus?: string; env?: Record<string, string> };

export async function startTarget(name: TargetName, options: TargetOptions): Promise<ServerProc> {
  if (name !== "sidecar") return startBaseline(name, options);
  const sidecar = await startBenchSidecar({ ...options, redisUrl: machineRedisUrl, name: "sidecar-fanout" });
  return { ...sidecar, dialect: "chat" };
}
