import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "../../db/client";
import { createRoom } from "../../db/queries/rooms";
import { createUser } from "../../db/queries/users";
import { ChaosClient } from "./chat-client";
import { SidecarCluster } from "./cluster";
import { databaseFetch } from "./db-fetch";
import { PrivatePostgres } from "./private-postgres";
import { startRedisBackend, type RedisKind } from "./redis-backend";
import { freePort } from "../support/ports";
import { mintSessionToken } from "../support/tokens";

/*
 * Everything the chaos run needs, private to it and on loopback: PostgreSQL
 * and Redis of its own (so restarting them disturbs nobody), N sidecars behind
 * HAProxy, and a database handle for setup and the final checks.
 */
export type ChaosStack = Awaited<ReturnType<typeof startChaosStack>>;

export async function startChaosStack(sidecarCount: number, redisKind: RedisKind = "single") {
  const workDir = mkdtempSync(path.join(tmpdir(), "chat-chaos-"));
  const secret = randomBytes(32).toString("base64url");
  const postgresServer = await PrivatePostgres.create(workDir, await freePort());
  await postgresServer.startFresh();
  const redis = await startRedisBackend(redisKind, workDir);
  const env = { ...sidecarEnv(), ...redis.env };
  const cluster = await SidecarCluster.create({ databaseUrl: postgresServer.url, secret, count: sidecarCount, logDir: workDir, env });
  const database = createDb(postgresServer.url, { max: 4 });
  const stop = async () => {
    await cluster.stop();
    await database.sql.end({ timeout: 1 });
    await redis.stop();
    await postgresServer.stop();
  };
  try {
    await cluster.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { workDir, secret, postgres: postgresServer, redis, cluster, database, stop, removeFiles: () => rmSync(workDir, { recursive: true, force: true }) };
}

function sidecarEnv(): Record<string, string> {
  return {
    REDIS_KEY_PREFIX: `chaos-${randomBytes(4).toString("hex")}:`,
    LOG_LEVEL: "warn",
    // Sixty senders at ~2.5/s each: the per-user limit is not what this test is about.
    SEND_RATE_LIMIT: "100000",
    // Kills and the Redis outage make every client resubscribe (and resend read markers) again and
    // again; the defaults leave a browser plenty of room, but this test is about losing nothing.
    SUBSCRIBE_RATE_LIMIT: "100000",
    READ_RATE_LIMIT: "100000",
    // Sixty clients from 127.0.0.1 reconnecting through every kill: not an attack.
    UPGRADE_RATE_LIMIT: "100000",
    MAX_SOCKETS_PER_ADDRESS: "100000",
    // A killed sidecar's presence should expire within the run.
    PRESENCE_TTL_MS: "3000",
    PRESENCE_HEARTBEAT_MS: "1000",
  };
}

/** `rooms` public rooms with `perRoom` users each, every user with a session JWT. */
export async function createChaosClients(stack: ChaosStack, rooms: number, perRoom: number): Promise<ChaosClient[]> {
  const { db } = stack.database;
  const fetch = databaseFetch(db);
  const clients: ChaosClient[] = [];
  for (let r = 0; r < rooms; r++) {
    const owner = await createUser(db, { username: `owner_${r}`, passwordHash: "x" });
    const room = await createRoom(db, { name: `chaos-${r}`, kind: "public", ownerId: owner!.id });
    for (let u = 0; u < perRoom; u++) {
      const username = `user_${r}_${u}`;
      const user = await createUser(db, { username, passwordHash: "x" });
      const token = await mintSessionToken(user!, { secret: stack.secret });
      clients.push(new ChaosClient({ id: user!.id, username, token }, room.id, stack.cluster.socketUrl, fetch));
    }
  }
  return clients;
}
