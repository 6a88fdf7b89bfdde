import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { closeClients, makeRoom, secret, TestClient, testConfig, upgradeStatus } from "../realtime/test/helpers";
import { startSidecar, type Sidecar } from "../realtime/server";
import { createTestDatabase, type TestDatabase } from "./db";
import { startWeb, type WebProcess } from "./support/web";
import { WebClient } from "./web-client";

/*
 * Changing the password (POST /api/account/password) against the built web
 * app and a sidecar on one database: the current password is required and
 * wrong guesses count as failed sign-ins; a change ends every other session
 * over HTTP and WebSocket (4001) while the browser that made it stays signed in.
 */
const limit = 3;
let database: TestDatabase;
let web: WebProcess;
let sidecar: Sidecar;

before(async () => {
  database = await createTestDatabase("chat_account");
  const env = { BCRYPT_COST: "4", LOGIN_MAX_FAILURES: String(limit), TRUSTED_PROXY_HOPS: "1", SIGNUP_RATE_LIMIT: "1000" };
  web = await startWeb({ databaseUrl: database.url, secret, env });
  sidecar = await startSidecar(testConfig(database.url));
});
afterEach(closeClients);
after(async () => {
  await sidecar?.stop();
  await web?.stop();
  await database?.drop();
});

const password = "password-123";
let nextAddress = 1;
/** Every client at an address of its own (TEST-NET-2), so only the username's count is shared between them. */
const client = () => new WebClient(web.base, { "x-forwarded-for": `198.51.100.${nextAddress++}` });

async function signUp(username: string): Promise<string> {
  const created = await client().request("/api/signup", { method: "POST", json: { username, password } });
  assert.equal(created.status, 201);
  return ((await created.json()) as { id: string }).id;
}

async function signIn(username: string, secretWord = password): Promise<WebClient> {
  const browser = client();
  await browser.signIn(username, secretWord);
  return browser;
}

function change(browser: WebClient, currentPassword: string, newPassword: string): Promise<Response> {
  return browser.request("/api/account/password", { method: "POST", json: { currentPassword, newPassword } });
}

async function hashOf(id: string): Promise<string> {
  const [row] = await database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row!.hash;
}

/** GET /api/rooms with nothing but this token as the session cookie. */
async function apiStatus(token: string): Promise<number> {
  const response = await fetch(`${web.base}/api/rooms`, { headers: { cookie: `next-auth.session-token=${token}` } });
  return response.status;
}

test("a wrong current password is refused and changes nothing; wrong guesses lock like failed sign-ins", async () => {
  const id = await signUp("kim");
  const laptop = await signIn("kim");
  const before = await hashOf(id);
  const wrong = await change(laptop, "not-my-password", "brand-new-password");
  assert.equal(wrong.status, 403);
  assert.deepEqual(await wrong.json(), { error: "wrong_password" });
  assert.equal(await hashOf(id), before);
  assert.equal(await apiStatus(laptop.sessionToken!), 200, "a refused change ends no session");

  const json = { currentPassword: password, newPassword: "brand-new-password" };
  const crossSite = await laptop.request("/api/account/password", { method: "POST", json, headers: { origin: "http://evil.example" } });
  assert.equal(crossSite.status, 403, "CSRF: another site's request is refused");
  const form = await laptop.request("/api/account/password", { method: "POST", body: "currentPassword=x", headers: { "content-type": "text/plain" } });
  assert.equal(form.status, 415);
  assert.equal(await hashOf(id), before);
  const short = await change(laptop, password, "short");
  assert.equal(short.status, 400, "the new password follows the sign-up rules");
  assert.equal((await change(new WebClient(web.base), password, "brand-new-password")).status, 401);

  // `limit` failures in all (one above, the rest here), then the username is locked: right password or not, here and at sign-in.
  for (let i = 1; i < limit; i++) assert.equal((await change(laptop, `guess-${i}-wrong`, "brand-new-password")).status, 403);
  const locked = await change(laptop, password, "brand-new-password");
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get("retry-after")) > 0);
  assert.equal(await hashOf(id), before);
  assert.equal((await client().signIn("kim", password)).status, 429, "the sign-in limiter counted them");
});

test("a change stores a new hash: the old password no longer signs in, the new one does", async () => {
  const id = await signUp("lou");
  const laptop = await signIn("lou");
  const before = await hashOf(id);
  const changed = await change(laptop, password, "a-new-password");
  assert.equal(changed.status, 200);
  assert.deepEqual(await changed.json(), { ok: true });
  assert.notEqual(await hashOf(id), before);
  assert.equal((await signIn("lou", password)).signedIn, false, "the old password is refused");
  assert.equal((await signIn("lou", "a-new-password")).signedIn, true);
});

test("a change ends the user's other sessions over HTTP and on the socket (4001); this one goes on with a new cookie", async () => {
  const id = await signUp("max");
  const laptop = await signIn("max");
  const phone = await signIn("max");
  await signUp("ned");
  const bystander = await signIn("ned");
  const room = await makeRoom({ db: database }, { id, username: "max", token: "" });
  const phoneToken = phone.sessionToken!;
  const laptopToken = laptop.sessionToken!;
  const phoneSocket = await TestClient.connect(sidecar.port, { id, username: "max", token: phoneToken });
  await phoneSocket.subscribe(room.id);

  assert.equal((await change(laptop, password, "another-password")).status, 200);
  assert.equal((await phoneSocket.waitClosed()).code, 4001, "the other session's socket closes");
  assert.equal(await apiStatus(phoneToken), 401, "the other session's token is refused");
  assert.equal(await upgradeStatus(sidecar.port, { token: phoneToken }), 401);
  assert.equal(await apiStatus(laptopToken), 401, "the token from before the change is refused too");

  const fresh = laptop.sessionToken!;
  assert.notEqual(fresh, laptopToken, "the browser that changed it got a new cookie");
  assert.equal((await laptop.request("/api/rooms")).status, 200, "and stays signed in");
  const laptopSocket = await TestClient.connect(sidecar.port, { id, username: "max", token: fresh });
  await laptopSocket.subscribe(room.id);
  assert.equal(laptopSocket.closed, null);
  assert.equal(await apiStatus(bystander.sessionToken!), 200, "another user's session is untouched");
});
