import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { users } from "../db/schema";
import { decodeSessionPayload } from "../lib/session-token";
import { closeClients, makeRoom, secret, TestClient, testConfig, upgradeStatus } from "../realtime/test/helpers";
import { startSidecar, type Sidecar } from "../realtime/server";
import { createTestDatabase, type TestDatabase } from "./db";
import { waitFor } from "./wait-for";
import { startWeb, type WebProcess } from "./support/web";
import { mintSessionToken } from "./support/tokens";
import { WebClient } from "./web-client";

/*
 * Revocable sessions end to end: the built web app and two sidecars on one
 * database (revocations reach the sidecars by PostgreSQL NOTIFY). Signing out
 * ends that session over HTTP and WebSocket within moments; signing out
 * everywhere ends them all; the session slides while in use.
 */
let database: TestDatabase;
let web: WebProcess;
let nodes: Sidecar[] = [];

before(async () => {
  database = await createTestDatabase("chat_web");
  const env = { BCRYPT_COST: "4", SESSION_MAX_AGE_SECONDS: "3600", SESSION_UPDATE_AGE_SECONDS: "1" };
  web = await startWeb({ databaseUrl: database.url, secret, env });
  const config = testConfig(database.url);
  nodes = [await startSidecar(config), await startSidecar(config)];
});
afterEach(closeClients);
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await web?.stop();
  await database?.drop();
});

async function signUp(username: string): Promise<{ id: string; client: WebClient }> {
  const client = new WebClient(web.base);
  const created = await client.request("/api/signup", { method: "POST", json: { username, password: "password-123" } });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  return { id, client: await signIn(username) };
}

async function signIn(username: string): Promise<WebClient> {
  const client = new WebClient(web.base);
  await client.signIn(username, "password-123");
  assert.ok(client.signedIn, `${username} signed in`);
  return client;
}

/** GET /api/rooms with nothing but this token as the session cookie. */
async function apiStatus(token: string): Promise<number> {
  const response = await fetch(`${web.base}/api/rooms`, { headers: { cookie: `next-auth.session-token=${token}` } });
  return response.status;
}

function socketsOf(user: { id: string; username: string }, token: string): Promise<TestClient[]> {
  return Promise.all(nodes.map((n) => TestClient.connect(n.port, { ...user, token })));
}

async function assertOpen(clients: TestClient[], room: string): Promise<void> {
  for (const client of clients) {
    assert.equal(client.closed, null);
    await client.subscribe(room);
  }
}

test("signing out (next-auth's POST /api/auth/signout) ends that session over HTTP and on every sidecar; another session stays", async () => {
  const { id, client: laptop } = await signUp("erin");
  const phone = await signIn("erin");
  const room = await makeRoom({ db: database }, { id, username: "erin", token: "" });
  const laptopToken = laptop.sessionToken!;
  const phoneToken = phone.sessionToken!;
  const laptopSockets = await socketsOf({ id, username: "erin" }, laptopToken);
  const phoneSockets = await socketsOf({ id, username: "erin" }, phoneToken);
  assert.equal(await apiStatus(laptopToken), 200);

  const signedOut = await laptop.signOut();
  assert.equal(signedOut.status, 200);
  assert.equal(laptop.sessionToken, undefined, "the cookie is deleted");

  for (const socket of laptopSockets) assert.equal((await socket.waitClosed()).code, 4001);
  assert.equal(await apiStatus(laptopToken), 401, "the old cookie no longer works over HTTP");
  for (const node of nodes) assert.equal(await upgradeStatus(node.port, { token: laptopToken }), 401);
  assert.equal(await apiStatus(phoneToken), 200);
  await assertOpen(phoneSockets, room.id);
  phoneSockets.forEach((s) => s.close());
});

test("POST /api/sessions/revoke-all signs out every session of the user, sockets included", async () => {
  const { id, client: laptop } = await signUp("fay");
  const phone = await signIn("fay");
  const tokens = [laptop.sessionToken!, phone.sessionToken!];
  const sockets = (await Promise.all(tokens.map((t) => socketsOf({ id, username: "fay" }, t)))).flat();
  const bystander = await signUp("gus");
  assert.equal((await bystander.client.request("/api/sessions/revoke-all", { method: "POST" })).status, 200);
  const fresh = await signIn("gus");

  const revoked = await phone.request("/api/sessions/revoke-all", { method: "POST" });
  assert.equal(revoked.status, 200);
  assert.deepEqual(await revoked.json(), { ok: true });
  for (const socket of sockets) assert.equal((await socket.waitClosed()).code, 4001);
  for (const token of tokens) {
    assert.equal(await apiStatus(token), 401);
    assert.equal(await upgradeStatus(nodes[1]!.port, { token }), 401);
  }
  assert.equal(await apiStatus(fresh.sessionToken!), 200, "another user's session is untouched");
  const again = await signIn("fay");
  assert.equal(await apiStatus(again.sessionToken!), 200, "signing in again works");
  assert.equal((await new WebClient(web.base).request("/api/sessions/revoke-all", { method: "POST" })).status, 401);
});

test("the jwt callback refuses tokens of deleted users, older session versions and without session claims", async () => {
  const { id, client } = await signUp("hal");
  const token = client.sessionToken!;
  assert.equal(await apiStatus(await mintSessionToken({ id, username: "hal" }, { secret })), 200);
  assert.equal(await apiStatus(await mintSessionToken({ id, username: "hal" }, { secret, sessionVersion: 5 })), 401);
  assert.equal(await apiStatus(await encode({ token: { sub: id, username: "hal", name: "hal" }, secret })), 401);
  const page = await fetch(`${web.base}/rooms`, { headers: { cookie: `next-auth.session-token=${token}` }, redirect: "manual" });
  assert.equal(page.status, 200);
  await database.db.delete(users).where(eq(users.id, id));
  assert.equal(await apiStatus(token), 401);
  const gone = await fetch(`${web.base}/rooms`, { headers: { cookie: `next-auth.session-token=${token}` }, redirect: "manual" });
  assert.match(gone.headers.get("location") ?? "", /\/signin/);
});

test("the session slides while in use: a GET re-issues the cookie with a later expiry and the same sid; a revoked one is not", async () => {
  const { client } = await signUp("ida");
  const first = (await decodeSessionPayload(client.sessionToken!, secret))!;
  assert.equal(first.exp - first.iat!, 3600, "signed in for SESSION_MAX_AGE_SECONDS, not next-auth's 30 days");
  // SESSION_UPDATE_AGE_SECONDS=1: once the token is a second old, the next GET refreshes it.
  const renewed = await waitFor(async () => {
    assert.equal((await client.request("/api/rooms")).status, 200);
    const now = await decodeSessionPayload(client.sessionToken!, secret);
    assert.ok(now && now.exp > first.exp, "a refreshed token");
    return now;
  });
  assert.equal(renewed.sid, first.sid);
  assert.equal(renewed.exp - renewed.iat!, 3600);

  const old = client.sessionToken!;
  assert.equal((await client.request("/api/sessions/revoke-all", { method: "POST" })).status, 200);
  const replay = await fetch(`${web.base}/api/rooms`, { headers: { cookie: `next-auth.session-token=${old}` } });
  assert.equal(replay.status, 401);
  assert.deepEqual(replay.headers.getSetCookie().filter((c) => /session-token=[^;]/.test(c)), [], "no new token for a revoked session");
});
