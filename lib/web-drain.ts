import type { Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { webServerEnv } from "../config/web";
import { exitOnConfigError, parseEnv } from "../config/parse-env";
import { markDraining } from "./drain-flag";
import { exitGracefullyOnSignals } from "./graceful-shutdown";
import { logger } from "./logger";

/*
 * The web server's drain on SIGTERM/SIGINT (lib/graceful-shutdown.ts): /readyz
 * turns 503 at once, the listen socket closes (new connections go to another
 * instance), idle kept-alive connections close, requests in flight finish and
 * their connections close after the answer; exit 0 then, or 1 past
 * SHUTDOWN_TIMEOUT_MS, or 1 at once on a second signal.
 */
export function drainOnSignals(server: Server): void {
  const { SHUTDOWN_TIMEOUT_MS: timeoutMs } = exitOnConfigError(() => parseEnv(webServerEnv, process.env));
  const answering = new Set<ServerResponse>();
  server.on("request", (_req, res) => {
    answering.add(res);
    res.on("close", () => answering.delete(res));
  });
  // Upgraded sockets (only the dev server's hot reload has any) have nothing to finish: cut at once.
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.on("close", () => upgraded.delete(socket));
  });
  const stop = () => {
    upgraded.forEach((socket) => socket.destroy());
    return closeServer(server, answering);
  };
  exitGracefullyOnSignals({ log: logger, timeoutMs, stop });
}

function closeServer(server: Server, answering: Set<ServerResponse>): Promise<void> {
  markDraining();
  // Answers still to come say so: their connection closes after them instead of idling on.
  const lastOnItsConnection = (res: ServerResponse) => void (res.headersSent || res.setHeader("connection", "close"));
  answering.forEach(lastOnItsConnection);
  server.on("request", (_req, res) => lastOnItsConnection(res));
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
