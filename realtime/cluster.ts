import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { TemplatedApp } from "uWebSockets.js";
import type { Db } from "../db/client";
import { getChangesAfter, maxPageSize } from "../db/queries/messages";
import { getRoomLastSeqs } from "../db/queries/rooms";
import type { Broker } from "./broker/broker";
import { createLocalBroker } from "./broker/local";
import { connectRedis } from "./broker/connect";
import { closeRedisClient, settleWithin } from "./broker/redis-client";
import { originLength } from "./broker/envelope";
import type { RealtimeConfig } from "./env";
import { RoomFanout } from "./fanout";
import { createFrameLimiters, type FrameLimiters } from "./frame-limiters";
import { LocalPresence } from "./presence/local";
import type { Presence } from "./presence/presence";
import { RedisPresence } from "./presence/redis";
import { PresenceStore } from "./presence/redis-store";
import type { SharedStore } from "./rate-limit";
import { instrumentBroker } from "./metrics/broker";
import { countCatchUpFills } from "./metrics/catch-up";
import { RoomCursors } from "./room-cursors";
import { RoomTopics } from "./room-topics";
import { startRoomSweeper } from "./room-sweeper";

/** The parts that differ between one sidecar and many: how rooms fan out, who is online, how frames are counted. */
export type Cluster = {
  broker: Broker;
  fanout: RoomFanout;
  presence: Presence;
  limiters: FrameLimiters;
  /** Where limits shared by every sidecar keep their counts; none with one sidecar. */
  sharedStore?: SharedStore;
  close(): Promise<void>;
};

type Needs = { config: RealtimeConfig; log: Logger; db: Db; app: TemplatedApp };

/** How long boot waits for Redis; past it the sidecar starts degraded and connects when it can. */
const connectWaitMs = 2000;

export async function startCluster(needs: Needs): Promise<Cluster> {
  return needs.config.cluster.redisUrl ? startRedisCluster(needs, needs.config.cluster.redisUrl) : startLocal(needs);
}

function startLocal({ config, app }: Needs): Cluster {
  const broker = instrumentBroker(createLocalBroker());
  const topics = new RoomTopics(app);
  const { limits } = config;
  return {
    broker,
    fanout: new RoomFanout(topics, broker, null),
    presence: new LocalPresence({
      listMax: limits.presenceListMax,
      intervalMs: limits.presenceIntervalMs,
      graceMs: config.presence.graceMs,
      broadcast: (roomId, frame) => topics.deliverEphemeral(roomId, frame),
    }),
    limiters: createFrameLimiters(limits),
    close: () => broker.close(),
  };
}

async function startRedisCluster({ config, log, db, app }: Needs, url: string): Promise<Cluster> {
  const { keyPrefix } = config.cluster;
  // Unique per process, even when two sidecars share a NODE_ID: it tells our own broker events and presence entries apart.
  const origin = randomBytes(originLength / 2).toString("hex");
  // One Redis or a Redis Cluster (REDIS_MODE): the same broker interface, presence and limits either way.
  const { commands, broker: redisBroker, names } = connectRedis(config.cluster, url, origin, log);
  const broker = instrumentBroker(redisBroker);
  await settleWithin(brokerUp(broker), connectWaitMs);

  // The fan-out asks the cursors about every change; their repairs go straight to the local topics.
  const topics = new RoomTopics(app);
  const cursors = createRoomCursors({ config, log, db }, broker, topics);
  const fanout = new RoomFanout(topics, broker, cursors);
  const stopSweeper = startRoomSweeper(cursors, broker, config.catchUp);
  const { limits } = config;
  const presence = new RedisPresence({
    listMax: limits.presenceListMax,
    intervalMs: limits.presenceIntervalMs,
    graceMs: config.presence.graceMs,
    heartbeatMs: config.presence.heartbeatMs,
    store: new PresenceStore(commands, names, origin, config.presence.ttlMs),
    broker,
    log,
    broadcast: (roomId, frame) => topics.deliverEphemeral(roomId, frame),
  });
  return {
    broker,
    fanout,
    presence,
    limiters: createFrameLimiters(limits, { client: commands, keyPrefix }),
    sharedStore: { client: commands, keyPrefix },
    close: async () => {
      // Our presence entries are left to expire: users reconnecting to another sidecar do not blink offline.
      stopSweeper();
      cursors.close();
      await broker.close();
      await closeRedisClient(commands);
    },
  };
}

function createRoomCursors(
  { config, log, db }: Omit<Needs, "app">,
  broker: Broker,
  topics: RoomTopics,
): RoomCursors {
  return new RoomCursors(countCatchUpFills({
    // While the broker is down no frame is coming: repair at once.
    graceMs: () => (broker.state === "up" ? config.catchUp.graceMs : 0),
    listen: (roomId) => broker.listen(roomId),
    unlisten: (roomId) => broker.unlisten(roomId),
    readLastSeqs: (roomIds) => getRoomLastSeqs(db, roomIds),
    readChanges: async (roomId, after) => {
      const page = await getChangesAfter(db, { roomId, after, limit: maxPageSize });
      return { messages: page.messages, more: page.nextAfter !== null };
    },
    deliver: (roomId, seq, frame) => topics.deliverChange(roomId, seq, frame),
    onError: (error) => log.warn({ err: error }, "catch-up from the database failed; retrying"),
  }));
}

function brokerUp(broker: Broker): Promise<void> {
  if (broker.state === "up") return Promise.resolve();
  return new Promise((resolve) => broker.onStateChange((state) => state === "up" && resolve()));
}
