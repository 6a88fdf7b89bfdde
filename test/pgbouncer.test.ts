import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { closeClients, secret, TestClient } from "../realtime/test/helpers";
import { createPooledDatabase, type PooledDatabase } from "./support/pgbouncer-db";
import { startPgBouncer, type PgBouncer } from "./support/pgbouncer";
import { startSidecarProcess, type SidecarProcess } from "./support/sidecar";
import { startWeb, type WebProcess } from "./support/web";
import { WebClient } from "./web-client";

/*
 * The web app and a sidecar behind a private PgBouncer 1.18 in transaction
 * mode, set up as the README's "Connection pooling" says: named prepared
 * statements off (DATABASE_PREPARE=false, PgBouncer < 1.21) and LISTEN on a
 * direct connection (DATABASE_LISTEN_URL). Even the migrations run through
 * PgBouncer. Two server connections serve every client connection of both
 * processes. The last test shows what LISTEN through the pool misses;
 * pgbouncer-prepare.test.ts what named prepared statements break.
 */
const poolSize = 2;
let bouncer: PgBouncer;
let database: PooledDatabase;
let web: WebProcess;
let sidecar: SidecarProcess;

before(async () => {
  bouncer = await startPgBouncer({ poolSize });
  database = await createPooledDatabase(bouncer, "chat_pgb");
  const pooled = { DATABASE_PREPARE: "false" };
  web = await startWeb({ databaseUrl: database.pooledUrl, secret, env: { ...pooled, DATABASE_POOL_SIZE: "4", BCRYPT_COST: "4" } });
  const env = { ...pooled, DATABASE_LISTEN_URL: database.directUrl, DATABASE_POOL_SIZE: "6", BATCH_LANES: "4", SEND_RATE_LIMIT: "100000", LOG_LEVEL: "warn" };
  sidecar = await startSidecarProcess({ databaseUrl: database.pooledUrl, secret, env });
});
afterEach(closeClients);
after(async () => {
  await sidecar?.stop();
  await web?.stop();
  await bouncer?.stop();
  await database?.drop();
});

type User = { id: string; username: string; token: string; client: WebClient };

async function signUp(username: string): Promise<User> {
  const client = new WebClient(web.base);
  const created = await client.request("/api/signup", { method: "POST", json: { username, password: "password-123" } });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  assert.equal((await client.signIn(username, "password-123")).status, 200);
  assert.ok(client.sessionToken, `${username} signed in`);
  return { id, username, token: client.sessionToken, client };
}

async function createRoom(owner: User, name: string, kind: "public" | "private" = "public"): Promise<string> {
  const response = await owner.client.request("/api/rooms", { method: "POST", json: { name, kind } });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

async function history(user: User, roomId: string): Promise<string[]> {
  const response = await user.client.request(`/api/rooms/${roomId}/messages?limit=100`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { messages: { body: string }[] }).messages.map((m) => m.body);
}

test("sign-up, sign-in, rooms, 200 concurrent sends over 4 lanes and history: all through 2 shared server connections", async () => {
  const [ann, ben] = [await signUp("ann"), await signUp("ben")];
  const rooms = await Promise.all(Array.from({ length: 8 }, (_, i) => createRoom(ann, `pooled-${i}`)));
  const sockets = [await TestClient.connect(sidecar.port, ann), await TestClient.connect(sidecar.port, ben)];
  for (const socket of sockets) for (const room of rooms) await socket.subscribe(room);

  const perRoom = 25;
  const sends = rooms.flatMap((room) => Array.from({ length: perRoom }, (_, i) => ({ room, body: `${room.slice(0, 8)}-${i}`, socket: sockets[i % 2]! })));
  const acks = await Promise.all(sends.map(({ socket, room, body }) => socket.sendMessage(room, body)));

  for (const room of rooms) {
    const seqs = acks.filter((ack) => ack.room === room).map((ack) => ack.seq);
    assert.deepEqual(seqs.sort((a, b) => a - b), Array.from({ length: perRoom }, (_, i) => i + 1), "one seq per send, no gaps");
    const sent = sends.filter((s) => s.room === room).map((s) => s.body);
    assert.deepEqual((await history(ben, room)).sort(), sent.sort());
  }
  const servers = await bouncer.show("SHOW SERVERS", database.name);
  const clients = await bouncer.show("SHOW CLIENTS", database.name);
  assert.ok(servers.length <= poolSize, `${servers.length} server connections`);
  assert.ok(clients.length > poolSize, `${clients.length} client connections shared ${poolSize} server connections`);
});

test("a removal and a sign-out reach the sidecar by NOTIFY on DATABASE_LISTEN_URL; one that LISTENs through the pool hears neither", async () => {
  const [cat, dan] = [await signUp("cat"), await signUp("dan")];
  const room = await createRoom(cat, "private-pooled", "private");
  const added = await cat.client.request(`/api/rooms/${room}/members`, { method: "POST", json: { username: "dan" } });
  assert.equal(added.status, 201);
  // LISTEN through PgBouncer: it succeeds, on a server connection the listener hands back at once.
  const deaf = await startSidecarProcess({ databaseUrl: database.pooledUrl, secret, env: { DATABASE_PREPARE: "false", LOG_LEVEL: "warn" } });
  try {
    const [heard, missed] = [await TestClient.connect(sidecar.port, dan), await TestClient.connect(deaf.port, dan)];
    for (const socket of [heard, missed]) await socket.subscribe(room);

    assert.equal((await cat.client.request(`/api/rooms/${room}/members/${dan.id}`, { method: "DELETE" })).status, 200);
    assert.equal((await heard.next("removed", (f) => f.room === room)).reason, "removed");
    assert.equal((await dan.client.signOut()).status, 200);
    assert.equal((await heard.waitClosed()).code, 4001, "the revoked session's socket is closed");
    // Both notices were delivered to the listening sidecar (the markers): the other one was told nothing.
    assert.deepEqual(missed.all("removed"), []);
    assert.equal(missed.closed, null);
  } finally {
    await deaf.stop();
  }
});
