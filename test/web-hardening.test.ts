import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createRoom, joinRoom } from "../db/queries/rooms";
import { getUserByUsername } from "../db/queries/users";
import { createTestDatabase, type TestDatabase } from "./db";
import { freePort } from "./support/ports";
import { startWeb, type WebProcess } from "./support/web";
import { WebClient } from "./web-client";

/*
 * Security headers, the JSON API's CSRF guard, the per-user room cap and the
 * paged room list, against the real built app (one web process, no proxy).
 */
/** Only named in the Content-Security-Policy: no sidecar runs here. */
let realtimePort: number;
let database: TestDatabase;
let web: WebProcess;

before(async () => {
  database = await createTestDatabase("chat_web_hardening");
  realtimePort = await freePort();
  const env = { BCRYPT_COST: "4", SIGNUP_RATE_LIMIT: "1000", MAX_ROOMS_PER_USER: "3", REALTIME_PORT: String(realtimePort) };
  web = await startWeb({ databaseUrl: database.url, env });
});
after(async () => {
  await web?.stop();
  await database?.drop();
});

async function signedUp(username: string, headers: Record<string, string> = {}): Promise<WebClient> {
  const client = new WebClient(web.base, headers);
  const created = await client.request("/api/signup", { method: "POST", json: { username, password: "password-123" } });
  assert.equal(created.status, 201);
  await client.signIn(username, "password-123");
  assert.ok(client.signedIn);
  return client;
}

function nonceOf(csp: string): string {
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, `no nonce in ${csp}`);
  return nonce;
}

test("pages and API answers carry the security headers; every script has this response's nonce", async () => {
  const client = new WebClient(web.base);
  const page = await client.request("/signin");
  assert.equal(page.status, 200);
  const csp = page.headers.get("content-security-policy") ?? "";
  for (const directive of ["frame-ancestors 'none'", `connect-src 'self' ws://127.0.0.1:${realtimePort}`, "object-src 'none'", "'strict-dynamic'"]) {
    assert.ok(csp.includes(directive), `${directive} missing from ${csp}`);
  }
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.ok(scripts.length > 0);
  for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonceOf(csp)}"`), tag);

  const api = await client.request("/api/rooms");
  assert.equal(api.status, 401);
  for (const response of [page, api]) {
    assert.equal(response.headers.get("x-frame-options"), "DENY");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("referrer-policy"), "same-origin");
    assert.equal(response.headers.get("strict-transport-security"), null, "no HSTS over plain http");
  }
  const again = (await client.request("/signin")).headers.get("content-security-policy") ?? "";
  assert.notEqual(nonceOf(again), nonceOf(csp), "a fresh nonce per response");
});

test("JSON API writes need JSON and this origin; clients that send no Origin still work", async () => {
  const owner = await signedUp("owner1");
  const friend = await signedUp("friend1");
  const room = (await (await owner.request("/api/rooms", { method: "POST", json: { name: "inner", kind: "private" } })).json()) as { id: string };
  const members = `/api/rooms/${room.id}/members`;
  const body = JSON.stringify({ username: "friend1" });

  const plain = await owner.request(members, { method: "POST", body, headers: { "content-type": "text/plain" } });
  assert.equal(plain.status, 415);
  const form = await owner.request(members, { method: "POST", body: "username=friend1", headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(form.status, 415);
  const crossSite = await owner.request(members, { method: "POST", json: { username: "friend1" }, headers: { origin: "http://evil.example" } });
  assert.equal(crossSite.status, 403);
  const sameSite = await owner.request(members, { method: "POST", json: { username: "friend1" }, headers: { "sec-fetch-site": "same-site" } });
  assert.equal(sameSite.status, 403);
  // None of those added the friend.
  assert.equal((await friend.request(`/api/rooms/${room.id}/messages`)).status, 404);

  const sameOrigin = await owner.request(members, { method: "POST", json: { username: "friend1" }, headers: { origin: web.base, "sec-fetch-site": "same-origin" } });
  assert.equal(sameOrigin.status, 201);
  assert.equal((await friend.request(`/api/rooms/${room.id}/messages`)).status, 200);
  // A bot: no Origin, no Sec-Fetch-Site, and a bodyless join needs no Content-Type.
  const pub = (await (await owner.request("/api/rooms", { method: "POST", json: { name: "hall", kind: "public" } })).json()) as { id: string };
  assert.equal((await friend.request(`/api/rooms/${pub.id}/join`, { method: "POST" })).status, 200);
});

test("rooms created per user are capped, also when created in parallel", async () => {
  const maker = await signedUp("maker");
  const create = (name: string) => maker.request("/api/rooms", { method: "POST", json: { name, kind: "public" } });
  const statuses = (await Promise.all(["a", "b", "c", "d", "e", "f"].map(create))).map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 3, statuses.join(","));
  const refused = await create("g");
  assert.equal(refused.status, 403);
  assert.deepEqual(await refused.json(), { error: "room_limit", max: 3 });
});

test("the room list: your rooms, then keyset pages of other public rooms, searchable, also without JavaScript", async () => {
  const viewer = await signedUp("viewer");
  const [host, me] = await Promise.all([getUserByUsername(database.db, "owner1"), getUserByUsername(database.db, "viewer")]);
  const names = ["p-alpha", "p-bravo", "p-charlie", "p-delta", "p-echo", "p-foxtrot", "p-golf"];
  const made = await Promise.all(names.map((name) => createRoom(database.db, { name, kind: "public", ownerId: host!.id })));
  await joinRoom(database.db, made[2]!.id, me!.id); // p-charlie is one of the viewer's rooms

  type Listing = { rooms: { id: string; name: string }[]; nextAfter: string | null };
  const list = async (query: string) => (await (await viewer.request(`/api/rooms?${query}`)).json()) as Listing;
  const first = await list("q=p-&limit=3");
  assert.deepEqual(first.rooms.map((r) => r.name), ["p-charlie", "p-alpha", "p-bravo", "p-delta"]);
  const seen = first.rooms.slice(1).map((r) => r.name);
  for (let cursor = first.nextAfter; cursor !== null; ) {
    const page = await list(`q=p-&limit=3&after=${cursor}`);
    seen.push(...page.rooms.map((r) => r.name));
    cursor = page.nextAfter;
  }
  assert.deepEqual(seen, names.filter((n) => n !== "p-charlie"));
  assert.deepEqual((await list("q=LF")).rooms.map((r) => r.name), ["p-golf"]);
  assert.deepEqual((await list("q=%25")).rooms, [], "LIKE wildcards are literal");
  assert.equal((await viewer.request("/api/rooms?after=not-a-room")).status, 400);

  const html = await (await viewer.request("/rooms?q=p-")).text();
  assert.ok(html.includes("p-charlie") && html.includes("p-alpha"));
  assert.match(html, /data-testid="room-search"/);
  const more = await (await viewer.request("/rooms?q=p-&after=" + made[3]!.id)).text();
  assert.ok(more.includes("p-echo") && !more.includes("p-alpha"));
});
