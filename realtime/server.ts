import uWS from "uWebSockets.js";
import { createDb } from "../db/client";
import { BatchWriter } from "./batch-writer";
import { startCluster, type Cluster } from "./cluster";
import { createSocketBehavior } from "./connection";
import type { SidecarContext } from "./context";
import type { RealtimeConfig } from "./env";
import { drainSockets } from "./drain";
import { answerLiveness, answerReadiness, brokerHealth, type Readiness } from "./health";
import { sidecarLogger } from "./log";
import { assertNativeUws, exclusivePortOption } from "./native";
import { serveSidecarMetrics } from "./metrics/serve";
import { Throttle } from "./rate-limit";
import { startRevocationListener } from "./revocation-listener";
import { Revocations } from "./revocations";
import { RoomMemberships } from "./room-memberships";
import { createRoomReads } from "./room-reads";
import { topicOf } from "./room-topics";
import { startExpirySweep } from "./session-expiry";
import { checkBackpressure, startSlowConsumerGuard } from "./slow-consumers";
import { sendFrame, type ClientSocket } from "./socket";
import { SocketRegistry } from "./socket-registry";
import type { UpgradeGuards } from "./upgrade";
import { UpgradeLimiter } from "./upgrade-limit";

export type Sidecar = { port: number; stop(): Promise<void> };

/** Start the sidecar; port 0 picks any free port. Resolves once it listens. */
export async function startSidecar(config: RealtimeConfig): Promise<Sidecar> {
  assertNativeUws();
  const log = sidecarLogger(config);
  const { db, sql } = createDb(config.databaseUrl, config.databasePool);
  const app = uWS.App();
  const cluster = await startCluster({ config, log, db, app });
  const inFlight = new Set<Promise<unknown>>();
  const sockets = new Set<ClientSocket>();
  const readiness: Readiness = { draining: false };
  const ctx = createContext({ config, log, db, cluster, inFlight, readiness });
  const guard = {
    limitBytes: config.maxBackpressureBytes,
    // Back in the ephemeral topics after a pressure spell: the presence it missed, fresh.
    onResume: (ws: ClientSocket) => ws.getUserData().rooms?.forEach((room) => sendFrame(ws, ctx.presence.snapshot(room))),
  };
  const stopGuard = startSlowConsumerGuard(sockets, guard);
  const stopExpirySweep = startExpirySweep(sockets);
  const upgradeGuards = createUpgradeGuards(config, cluster, ctx);
  const memberships = new RoomMemberships(ctx, upgradeGuards.registry, (roomId, text) => app.publish(topicOf(roomId), text, false));
  const revocationListener = startRevocationListener({
    databaseUrl: config.databaseListenUrl,
    log,
    onNotice: (notice) => upgradeGuards.revocations.apply(notice),
    onRoomNotice: (notice) => memberships.apply(notice),
    onListening: () => {
      void upgradeGuards.revocations.recheckAll().catch((error: unknown) => log.warn({ err: error }, "session re-check failed"));
      void memberships.recheckAll().catch((error: unknown) => log.warn({ err: error }, "membership re-check failed"));
    },
  });

  app.ws("/ws", createSocketBehavior(ctx, sockets, upgradeGuards, (ws) => checkBackpressure(ws, guard)));
  const ready = (res: uWS.HttpResponse) => answerReadiness(res, db, readiness, () => brokerHealth(cluster.broker.state));
  app.get("/livez", answerLiveness);
  app.get("/readyz", ready);
  app.get("/healthz", ready);
  app.any("/*", (res) => void res.writeStatus("404 Not Found").end("not found"));
  const listenSocket = await listen(app, config.host, config.port);
  const port = uWS.us_socket_local_port(listenSocket as unknown as uWS.us_socket);
  log.info({ host: config.host, port }, "realtime sidecar listening");
  const metrics = await serveSidecarMetrics(config, log);

  let stopping: Promise<void> | null = null;
  const stop = async () => {
    // Not ready, stop accepting, let queued sends commit and be acked, then 1001 (drain.ts).
    const settleMs = Math.floor(config.shutdownTimeoutMs / 2);
    await drainSockets({ listenSocket, readiness, sockets, inFlight, writer: ctx.writer, settleMs });
    stopGuard();
    stopExpirySweep();
    await revocationListener.stop();
    await closeParts(ctx, cluster);
    await sql.end({ timeout: 5 });
    await metrics?.close();
    log.info("realtime sidecar stopped");
  };
  return { port, stop: () => (stopping ??= stop()) };
}

/** Who may open a socket: Origin, upgrades per address, a live session, sockets per user and address. */
function createUpgradeGuards(config: RealtimeConfig, cluster: Cluster, ctx: SidecarContext): UpgradeGuards {
  const c = config.connections;
  const registry = new SocketRegistry({ perUser: c.maxSocketsPerUser, perAddress: c.maxSocketsPerAddress });
  return {
    allowedOrigins: config.allowedOrigins,
    log: ctx.log,
    secret: config.nextAuthSecret,
    trustedProxyHops: c.trustedProxyHops,
    limiter: new UpgradeLimiter(c.upgradeRateLimit, c.upgradeRateWindowSeconds, cluster.sharedStore),
    registry,
    revocations: new Revocations(ctx.db, registry, ctx.log),
    capRetryAfterSeconds: 10,
  };
}

type Parts = Pick<SidecarContext, "config" | "log" | "db" | "readiness"> & { cluster: Cluster; inFlight: Set<Promise<unknown>> };

function createContext({ config, log, db, cluster, inFlight, readiness }: Parts): SidecarContext {
  const { fanout, presence, limiters } = cluster;
  return {
    config,
    db,
    log,
    fanout,
    writer: new BatchWriter(db, { ...config.batch, log, fanout }),
    presence,
    limiters,
    reads: createRoomReads(db),
    typingThrottle: new Throttle(config.limits.typingIntervalMs),
    readiness,
    track: (work) => {
      inFlight.add(work);
      const forget = () => void inFlight.delete(work);
      work.then(forget, forget);
    },
  };
}

async function closeParts(ctx: SidecarContext, cluster: Cluster): Promise<void> {
  ctx.presence.close();
  ctx.typingThrottle.close();
  await cluster.close();
}

/** Exclusive: uWS otherwise shares the port (SO_REUSEPORT) with a second sidecar and splits connections. */
function listen(app: uWS.TemplatedApp, host: string, port: number): Promise<uWS.us_listen_socket> {
  return new Promise((resolve, reject) => {
    const onListen = (socket: uWS.us_listen_socket | false) =>
      socket ? resolve(socket) : reject(new Error(`cannot listen on ${host}:${port} (in use or not allowed)`));
    // The typings lack (host, port, options, cb); the native binding has it.
    (app.listen as unknown as (h: string, p: number, o: number, cb: typeof onListen) => void)(
      host,
      port,
      exclusivePortOption()!,
      onListen,
    );
  });
}
