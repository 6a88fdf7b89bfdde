import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { revokeAllSessions, revokeSession } from "../../db/queries/sessions";
import { users } from "../../db/schema";
import { decodeSessionPayload } from "../../lib/session-token";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { startSidecar, type Sidecar } from "../server";
import { mintSessionToken } from "../../test/support/tokens";
import { closeClients, makeRoom, makeUser, secret, TestClient, testConfig, upgradeStatus, type TestUser } from "./helpers";

/*
 * Revoked sessions end everywhere: two sidecars sharing one database (no
 * Redis: PostgreSQL NOTIFY carries revocations) close the revoked session's
 * sockets with 4001, refuse its token at upgrade, and leave every other
 * session open; a listener that missed a notice re-checks every socket.
 */
let db: TestDatabase;
let nodes: Sidecar[];

before(async () => {
  db = await createTestDatabase("chat_rt");
  const config = testConfig(db.url);
  nodes = [await startSidecar(config), await startSidecar(config)];
});
afterEach(closeClients);
after(async () => {
  await Promise.all(nodes?.map((n) => n.stop()) ?? []);
  await db?.drop();
});

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000);

/** Still open and served: a subscribe is answered (a marker, not a sleep). */
async function assertOpen(client: TestClient, room: string): Promise<void> {
  assert.equal(client.closed, null);
  await client.subscribe(room);
}

/** A second session (sign-in) of the same user. */
async function anotherSession(user: TestUser): Promise<TestUser> {
  return { ...user, token: await mintSessionToken(user, { secret }) };
}

async function onBothNodes(user: TestUser): Promise<TestClient[]> {
  return Promise.all(nodes.map((n) => TestClient.connect(n.port, user)));
}

test("revoking one session closes its sockets on every sidecar (4001) and refuses its token; the user's other session stays", async () => {
  const alice = await makeUser({ db }, "alice");
  const room = await makeRoom({ db }, alice);
  const phone = await anotherSession(alice);
  const revoked = await onBothNodes(alice);
  const kept = await onBothNodes(phone);
  const sid = await sidOf(alice.token);
  await revokeSession(db.db, { userId: alice.id, sid, until: inAMonth() });
  for (const client of revoked) assert.equal((await client.waitClosed()).code, 4001);
  for (const node of nodes) assert.equal(await upgradeStatus(node.port, { token: alice.token }), 401);
  for (const client of kept) await assertOpen(client, room.id);
  kept.forEach((c) => c.close());
});

test("signing out everywhere closes every session's sockets on every sidecar; other users stay", async () => {
  const bob = await makeUser({ db }, "bob");
  const carol = await makeUser({ db }, "carol");
  const room = await makeRoom({ db }, carol);
  const bobs = [...(await onBothNodes(bob)), ...(await onBothNodes(await anotherSession(bob)))];
  const carols = await onBothNodes(carol);
  assert.equal(await revokeAllSessions(db.db, bob.id), 1);
  for (const client of bobs) assert.equal((await client.waitClosed()).code, 4001);
  assert.equal(await upgradeStatus(nodes[0]!.port, { token: bob.token }), 401);
  // A sign-in after it (at the new session version) works.
  assert.equal(await upgradeStatus(nodes[0]!.port, { token: await mintSessionToken(bob, { secret, sessionVersion: 1 }) }), 101);
  for (const client of carols) await assertOpen(client, room.id);
  carols.forEach((c) => c.close());
});

test("a revocation whose notice was missed is found when the listener reconnects", async () => {
  const dave = await makeUser({ db }, "dave");
  const clients = await onBothNodes(dave);
  // Revoked behind the sidecars' backs: no NOTIFY at all.
  await db.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, dave.id));
  // Drop both listeners' connections; each reconnects and checks every open socket again.
  await db.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = 'chat-revocations' and datname = current_database()`);
  for (const client of clients) assert.equal((await client.waitClosed()).code, 4001);
});

async function sidOf(token: string): Promise<string> {
  const claims = await decodeSessionPayload(token, secret);
  assert.ok(claims);
  return claims.sid;
}
