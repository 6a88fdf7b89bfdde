import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { insertMessageBatch } from "../db/queries/message-batch";
import { users } from "../db/schema";
import { createTestDatabase, type TestDatabase } from "./db";
import { startWeb, type WebProcess } from "./support/web";
import { WebClient } from "./web-client";

/*
 * The HTTP contract against the real built app and a real database: status
 * codes and shapes an outside client relies on.
 */
let database: TestDatabase;
let web: WebProcess;

before(async () => {
  database = await createTestDatabase("chat_web");
  // One trusted proxy hop: these tests stand for clients at other addresses with X-Forwarded-For
  // (test/web-limits.test.ts checks that nothing else trusts it).
  const env = { LOGIN_MAX_FAILURES: "3", BCRYPT_COST: "4", TRUSTED_PROXY_HOPS: "1", SIGNUP_RATE_LIMIT: "1000" };
  web = await startWeb({ databaseUrl: database.url, env });
});
after(async () => {
  await web?.stop();
  await database?.drop();
});

async function signedUp(username: string): Promise<WebClient> {
  const client = new WebClient(web.base);
  const created = await client.request("/api/signup", { method: "POST", json: { username, password: "password-123" } });
  assert.equal(created.status, 201);
  await client.signIn(username, "password-123");
  assert.ok(client.signedIn, `${username} should be signed in`);
  return client;
}

test("signup validates, refuses taken names, and every API route needs a session", async () => {
  const anonymous = new WebClient(web.base);
  const bad = await anonymous.request("/api/signup", { method: "POST", json: { username: "A!", password: "short" } });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: string }).error, "invalid");
  const malformed = await anonymous.request("/api/signup", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } });
  assert.equal(malformed.status, 400);
  await signedUp("dora");
  const taken = await anonymous.request("/api/signup", { method: "POST", json: { username: "dora", password: "password-123" } });
  assert.equal(taken.status, 409);
  assert.deepEqual(await taken.json(), { error: "username_taken" });
  for (const [method, path] of [["GET", "/api/rooms"], ["GET", "/api/me/rooms"], ["POST", "/api/rooms"], ["POST", "/api/dm"]] as const) {
    const response = await anonymous.request(path, { method, json: method === "POST" ? {} : undefined });
    assert.equal(response.status, 401, `${method} ${path}`);
    assert.deepEqual(await response.json(), { error: "unauthorized" });
  }
});

test("failed sign-ins lock the username and the address out with 429 and Retry-After", async () => {
  await signedUp("eve");
  await signedUp("ivy");
  const attackerAddress = { "x-forwarded-for": "198.51.100.7" };
  const attacker = new WebClient(web.base, attackerAddress);
  for (let i = 0; i < 3; i++) await attacker.signIn("eve", "wrong-password");
  assert.equal(attacker.signedIn, false);
  // The username is locked from anywhere, even with the right password...
  const locked = await new WebClient(web.base, { "x-forwarded-for": "198.51.100.8" }).signIn("eve", "password-123");
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get("retry-after")) > 0);
  // ...and the address is locked for every username.
  const sameAddress = await new WebClient(web.base, attackerAddress).signIn("ivy", "password-123");
  assert.equal(sameAddress.status, 429);
});

test("rooms, membership, DMs and 404 for non-members", async () => {
  const owner = await signedUp("fay");
  const member = await signedUp("gus");
  const outsider = await signedUp("hal");
  const created = await owner.request("/api/rooms", { method: "POST", json: { name: "secret", kind: "private" } });
  assert.equal(created.status, 201);
  const room = (await created.json()) as { id: string; kind: string; lastSeq: number };
  assert.equal(room.kind, "private");

  assert.equal((await outsider.request(`/api/rooms/${room.id}/join`, { method: "POST" })).status, 404);
  assert.equal((await outsider.request(`/api/rooms/${room.id}/messages`)).status, 404);
  assert.equal((await outsider.request(`/rooms/${room.id}`)).status, 404);
  const add = await owner.request(`/api/rooms/${room.id}/members`, { method: "POST", json: { username: "gus" } });
  assert.equal(add.status, 201);
  const notOwner = await member.request(`/api/rooms/${room.id}/members`, { method: "POST", json: { username: "hal" } });
  assert.equal(notOwner.status, 403);
  const listed = (await (await member.request("/api/rooms")).json()) as { rooms: { id: string }[] };
  assert.ok(listed.rooms.some((r) => r.id === room.id));

  const dm1 = (await (await owner.request("/api/dm", { method: "POST", json: { username: "gus" } })).json()) as { id: string; kind: string };
  const dm2 = (await (await member.request("/api/dm", { method: "POST", json: { username: "fay" } })).json()) as { id: string };
  assert.equal(dm1.kind, "dm");
  assert.equal(dm1.id, dm2.id);
  assert.equal((await owner.request("/api/dm", { method: "POST", json: { username: "fay" } })).status, 400);
  assert.equal((await owner.request("/api/dm", { method: "POST", json: { username: "nobody" } })).status, 404);
  assert.equal((await outsider.request(`/api/rooms/${dm1.id}/messages`)).status, 404);
  const page = (await (await member.request(`/api/rooms/${room.id}/messages`)).json()) as { messages: unknown[]; nextBefore: null };
  assert.deepEqual(page, { messages: [], nextBefore: null });
  assert.equal((await member.request(`/api/rooms/${room.id}/messages?before=abc`)).status, 400);
});

test("history pages: keyset before, and every change after a cursor", async () => {
  const client = await signedUp("joy");
  const room = (await (await client.request("/api/rooms", { method: "POST", json: { name: "pages", kind: "public" } })).json()) as { id: string };
  const [user] = await database.db.select().from(users).where(eq(users.username, "joy"));
  const batch = Array.from({ length: 120 }, (_, i) => ({ roomId: room.id, authorId: user!.id, clientMsgId: randomUUID(), body: `m${i + 1}` }));
  await insertMessageBatch(database.db, batch);

  const seen: number[] = [];
  let before: number | null | undefined;
  do {
    const query = before === undefined ? "" : `&before=${before}`;
    const page = (await (await client.request(`/api/rooms/${room.id}/messages?limit=50${query}`)).json()) as { messages: { seq: number }[]; nextBefore: number | null };
    seen.push(...page.messages.map((m) => m.seq));
    before = page.nextBefore;
  } while (before !== null);
  assert.deepEqual(seen, Array.from({ length: 120 }, (_, i) => 120 - i));

  const first = (await (await client.request(`/api/rooms/${room.id}/messages?after=0&limit=100`)).json()) as { messages: { seq: number; body: string }[]; nextAfter: number | null };
  assert.equal(first.messages.length, 100);
  assert.equal(first.messages[0]!.body, "m1");
  assert.equal(first.nextAfter, 100);
  const rest = (await (await client.request(`/api/rooms/${room.id}/messages?after=100`)).json()) as { messages: { seq: number }[]; nextAfter: number | null };
  assert.deepEqual(rest.messages.map((m) => m.seq), Array.from({ length: 20 }, (_, i) => 101 + i));
  assert.equal(rest.nextAfter, null);
});
