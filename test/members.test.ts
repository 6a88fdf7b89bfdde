import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import bcrypt from "bcryptjs";
import { createUser } from "../db/queries/users";
import { startSidecar, type Sidecar } from "../realtime/server";
import { secret, testConfig, TestClient, closeClients } from "../realtime/test/helpers";
import { createTestDatabase, type TestDatabase } from "./db";
import { startWeb, type WebProcess } from "./support/web";
import { mintSessionToken } from "./support/tokens";
import { WebClient } from "./web-client";

/*
 * The members routes against the built web app, a real sidecar and one
 * database: the owner's actions, leaving, who gets 403 and who 404, the
 * limit, and the removed user's socket leaving the room at once.
 */
let database: TestDatabase;
let web: WebProcess;
let sidecar: Sidecar;
const adminLimit = 12;

type Person = { id: string; username: string; http: WebClient; socket: () => Promise<TestClient> };
let alice: Person, bob: Person, carol: Person, dave: Person;

before(async () => {
  database = await createTestDatabase("chat_members");
  sidecar = await startSidecar(testConfig(database.url));
  web = await startWeb({ databaseUrl: database.url, secret, env: { BCRYPT_COST: "4", ROOM_ADMIN_RATE_LIMIT: String(adminLimit) } });
  [alice, bob, carol, dave] = (await Promise.all(["m_alice", "m_bob", "m_carol", "m_dave"].map(person))) as [Person, Person, Person, Person];
});
after(async () => {
  closeClients();
  await Promise.all([web?.stop(), sidecar?.stop()]);
  await database?.drop();
});

const browserLike = () => ({ origin: web.base, "sec-fetch-site": "same-origin" });

async function person(username: string): Promise<Person> {
  const user = await createUser(database.db, { username, passwordHash: await bcrypt.hash("password-123", 4) });
  assert.ok(user);
  const http = new WebClient(web.base, browserLike());
  await http.signIn(username, "password-123");
  assert.ok(http.signedIn);
  const token = await mintSessionToken(user, { secret });
  return { id: user.id, username, http, socket: () => TestClient.connect(sidecar.port, { id: user.id, username, token }) };
}

async function call(p: Person, method: string, path: string, json?: unknown) {
  const response = await p.http.request(path, { method, json });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** alice's private room with bob and carol in it. */
async function roomOf(alice: Person, ...members: Person[]): Promise<string> {
  const created = await call(alice, "POST", "/api/rooms", { name: "team", kind: "private" });
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  for (const m of members) assert.equal((await call(alice, "POST", `/api/rooms/${id}/members`, { username: m.username })).status, 201);
  return id;
}


test("the owner removes a member: their socket leaves at once, later requests 404, the others go on", async () => {
  const room = await roomOf(alice, bob, carol);
  const members = await call(carol, "GET", `/api/rooms/${room}/members`);
  assert.deepEqual(members.body, {
    members: [
      { id: alice.id, username: alice.username, role: "owner" },
      { id: bob.id, username: bob.username, role: "member" },
      { id: carol.id, username: carol.username, role: "member" },
    ],
  });
  const [b, c] = await Promise.all([bob.socket(), carol.socket()]);
  await Promise.all([b.subscribe(room), c.subscribe(room)]);

  assert.deepEqual(await call(carol, "DELETE", `/api/rooms/${room}/members/${bob.id}`), { status: 403, body: { error: "forbidden" } });
  assert.deepEqual(await call(alice, "DELETE", `/api/rooms/${room}/members/${bob.id}`), { status: 200, body: { roomId: room, userId: bob.id } });
  await b.next("removed", (f) => f.room === room && f.reason === "removed");
  await c.next("removed", (f) => f.user?.id === bob.id);

  const unknown = "00000000-0000-4000-8000-000000000000";
  for (const path of [`/api/rooms/${room}/messages`, `/api/rooms/${room}/members`]) {
    assert.deepEqual(await call(bob, "GET", path), await call(bob, "GET", path.replace(room, unknown)), path);
    assert.equal((await call(bob, "GET", path)).status, 404);
  }
  assert.equal((await bob.http.request(`/rooms/${room}`)).status, 404);
  assert.deepEqual(await call(bob, "POST", `/api/rooms/${room}/leave`), { status: 404, body: { error: "not_found" } });
  assert.equal((await c.sendMessage(room, "still chatting")).room, room);
  assert.equal((await call(carol, "GET", `/api/rooms/${room}/messages`)).status, 200);
  assert.deepEqual(await call(alice, "DELETE", `/api/rooms/${room}/members/${bob.id}`), { status: 404, body: { error: "member_not_found" } });
  assert.deepEqual(await call(alice, "DELETE", `/api/rooms/${room}/members/${alice.id}`), { status: 409, body: { error: "cannot_remove_owner" } });
});

test("rename: owner only, validated, live for members; outsiders get the 404 of a missing room", async () => {
  const room = await roomOf(alice, bob);
  const b = await bob.socket();
  await b.subscribe(room);
  assert.deepEqual(await call(bob, "PATCH", `/api/rooms/${room}`, { name: "mine" }), { status: 403, body: { error: "forbidden" } });
  const outsider = await call(dave, "PATCH", `/api/rooms/${room}`, { name: "mine" });
  assert.deepEqual(outsider, await call(dave, "PATCH", `/api/rooms/00000000-0000-4000-8000-000000000000`, { name: "mine" }));
  assert.equal(outsider.status, 404);
  assert.equal((await call(alice, "PATCH", `/api/rooms/${room}`, { name: "" })).status, 400);
  assert.deepEqual(await call(alice, "PATCH", `/api/rooms/${room}`, { name: "  renamed  " }), { status: 200, body: { id: room, name: "renamed" } });
  await b.next("renamed", (f) => f.room === room && f.name === "renamed");
  const list = (await call(bob, "GET", "/api/rooms")).body.rooms as { id: string; name: string }[];
  assert.equal(list.find((r) => r.id === room)?.name, "renamed");
});

test("leave: a member leaves (all their sockets too); the owner and DM members cannot", async () => {
  const room = await roomOf(alice, bob);
  const b = await bob.socket();
  await b.subscribe(room);
  assert.deepEqual(await call(alice, "POST", `/api/rooms/${room}/leave`), { status: 409, body: { error: "owner_cannot_leave" } });
  assert.deepEqual(await call(bob, "POST", `/api/rooms/${room}/leave`), { status: 200, body: { id: room, left: true } });
  await b.next("removed", (f) => f.room === room && f.reason === "left");
  assert.equal((await call(bob, "GET", `/api/rooms/${room}/messages`)).status, 404);
  const dm = await call(alice, "POST", "/api/dm", { username: bob.username });
  assert.deepEqual(await call(bob, "POST", `/api/rooms/${dm.body.id as string}/leave`), { status: 409, body: { error: "cannot_leave_dm" } });
  assert.deepEqual(await call(alice, "DELETE", `/api/rooms/${dm.body.id as string}`), { status: 403, body: { error: "forbidden" } });
});

test("delete: the owner only; everyone's socket leaves and everything 404s after", async () => {
  const room = await roomOf(alice, bob);
  const a = await alice.socket();
  await a.subscribe(room);
  const b = await bob.socket();
  await b.subscribe(room);
  assert.deepEqual(await call(bob, "DELETE", `/api/rooms/${room}`), { status: 403, body: { error: "forbidden" } });
  assert.deepEqual(await call(dave, "DELETE", `/api/rooms/${room}`), { status: 404, body: { error: "not_found" } });
  assert.deepEqual(await call(alice, "DELETE", `/api/rooms/${room}`), { status: 200, body: { id: room, deleted: true } });
  for (const x of [a, b]) await x.next("removed", (f) => f.room === room && f.reason === "deleted");
  for (const p of [alice, bob]) {
    assert.equal((await call(p, "GET", `/api/rooms/${room}/messages`)).status, 404);
    assert.equal((await p.http.request(`/rooms/${room}`)).status, 404);
  }
});

test("the mutating routes are CSRF-guarded and rate limited per user", async () => {
  const erin = await person("m_erin");
  const crossSite = await erin.http.request(`/api/rooms/${erin.id}/leave`, { method: "POST", headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
  assert.equal(crossSite.status, 403);
  const form = await erin.http.request(`/api/rooms/${erin.id}`, { method: "PATCH", body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(form.status, 415);
  for (let i = 0; i < adminLimit; i++) assert.equal((await call(erin, "POST", `/api/rooms/${erin.id}/leave`)).status, 404);
  const limited = await erin.http.request(`/api/rooms/${erin.id}/leave`, { method: "POST" });
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get("retry-after")) > 0);
});
