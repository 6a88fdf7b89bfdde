/* eslint-disable max-lines -- every limit test shares the two web processes this file starts once */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import bcrypt from "bcryptjs";
import { createUser } from "../db/queries/users";
import { createTestDatabase, type TestDatabase } from "./db";
import { startWeb, type WebProcess } from "./support/web";
import { WebClient } from "./web-client";

/*
 * Sign-in and sign-up limits against two real web processes sharing one
 * database: `direct` trusts no proxy (the socket is the address), `proxied`
 * trusts one hop (the last X-Forwarded-For entry is the address). One test per
 * way the old lock-out was bypassed, plus the parallel race.
 */
const limit = 10;
let database: TestDatabase;
let direct: WebProcess;
let proxied: WebProcess;

before(async () => {
  database = await createTestDatabase("chat_web_limits");
  const env = { LOGIN_MAX_FAILURES: String(limit), BCRYPT_COST: "4", SIGNUP_RATE_LIMIT: "3" };
  [direct, proxied] = await Promise.all([
    startWeb({ databaseUrl: database.url, env: { ...env, TRUSTED_PROXY_HOPS: "0" } }),
    startWeb({ databaseUrl: database.url, env: { ...env, TRUSTED_PROXY_HOPS: "1" } }),
  ]);
});
after(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
  await database?.drop();
});

const password = "password-123";
async function user(username: string): Promise<void> {
  await createUser(database.db, { username, passwordHash: await bcrypt.hash(password, 4) });
}

let nextAddress = 1;
/** A fresh documentation address (TEST-NET-2) per call: a client no limit has seen. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

/** POST the credentials callback with a CSRF token the client already holds. */
async function attempt(client: WebClient, csrfToken: string, fields: Record<string, string>, init: { path?: string; contentType?: string; headers?: Record<string, string> } = {}) {
  const contentType = init.contentType ?? "application/x-www-form-urlencoded";
  const body = { csrfToken, json: "true", ...fields };
  return client.request(init.path ?? "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": contentType, ...init.headers },
    // As next-auth decides: a JSON body whenever the Content-Type mentions application/json.
    body: contentType.includes("application/json") ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
}

test("a path suffix on the credentials callback reaches nothing", async () => {
  await user("suffix");
  const client = new WebClient(direct.base);
  const token = await client.csrfToken();
  for (const path of ["/api/auth/callback/credentials/x", "/api/auth/callback/credentials/", "/api/auth/signin/credentials/x/y"]) {
    const response = await attempt(client, token, { username: "suffix", password }, { path });
    assert.ok([404, 308].includes(response.status), `${path} answered ${response.status}`);
    assert.equal(client.signedIn, false, path);
  }
});

test("a form body sent as JSON is a 400, not a crash", async () => {
  const client = new WebClient(direct.base);
  const token = await client.csrfToken();
  const response = await client.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: new URLSearchParams({ csrfToken: token, username: "nobody", password }).toString(),
  });
  assert.equal(response.status, 400);
  assert.equal(((await response.json()) as { error: string }).error, "invalid");
});

test("the limit counts the username next-auth parsed, whatever the Content-Type says", async () => {
  await user("typed");
  const client = new WebClient(proxied.base);
  const token = await client.csrfToken();
  // next-auth reads this as JSON (it contains application/json); a form parser would find no username.
  const contentType = "application/x-www-form-urlencoded; hint=application/json";
  for (let i = 0; i < limit; i++) {
    const failed = await attempt(client, token, { username: "typed", password: "wrong-password" }, { contentType, headers: { "x-forwarded-for": freshAddress() } });
    assert.equal(failed.status, 401);
  }
  const locked = await new WebClient(proxied.base, { "x-forwarded-for": freshAddress() }).signIn("typed", password);
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get("retry-after")) > 0);
  assert.deepEqual(Object.keys((await locked.json()) as object), ["error", "retryAfter"]);
});

test("50 parallel attempts against a limit of 10: exactly 10 reach the password check", async () => {
  await user("racer");
  const client = new WebClient(proxied.base);
  const token = await client.csrfToken();
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => attempt(client, token, { username: "racer", password: "wrong-password" }, { headers: { "x-forwarded-for": freshAddress() } })),
  );
  const statuses = answers.map((a) => a.status);
  // 401 = authorize checked the password and refused; 429 = refused before bcrypt ran.
  assert.equal(statuses.filter((s) => s === 401).length, limit, statuses.join(","));
  assert.equal(statuses.filter((s) => s === 429).length, 50 - limit);
  // The 11th and later attempts stay refused with the right password, on the other web process too.
  assert.equal((await new WebClient(proxied.base, { "x-forwarded-for": freshAddress() }).signIn("racer", password)).status, 429);
  assert.equal((await new WebClient(direct.base).signIn("racer", password)).status, 429);
});

test("a right password gives its attempt back: only failures count", async () => {
  await user("steady");
  const address = { "x-forwarded-for": freshAddress() };
  for (let i = 0; i < limit * 2; i++) {
    const client = new WebClient(proxied.base, address);
    await client.signIn("steady", password);
    assert.ok(client.signedIn, `sign-in ${i + 1}`);
  }
});

test("with one trusted hop the forwarded address is the client's own", async () => {
  await user("hopper");
  await user("bystander");
  const attacker = { "x-forwarded-for": freshAddress() };
  const users = ["hopper", "bystander", "nobody"];
  for (let i = 0; i < limit; i++) await new WebClient(proxied.base, attacker).signIn(users[i % 3]!, "wrong-password");
  // The attacker's address is locked for every username...
  assert.equal((await new WebClient(proxied.base, attacker).signIn("bystander", password)).status, 429);
  // ...while another address signs the same user in.
  const other = new WebClient(proxied.base, { "x-forwarded-for": `6.6.6.6, ${freshAddress()}` });
  await other.signIn("bystander", password);
  assert.ok(other.signedIn);
});

test("sign-ups are limited per address, with 429 and Retry-After", async () => {
  const address = { "x-forwarded-for": freshAddress() };
  const signUp = (username: string, headers = address) =>
    new WebClient(proxied.base, headers).request("/api/signup", { method: "POST", json: { username, password } });
  for (const name of ["farm1", "farm2", "farm3"]) assert.equal((await signUp(name)).status, 201);
  const refused = await signUp("farm4");
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) > 0);
  assert.equal(((await refused.json()) as { error: string }).error, "rate_limited");
  assert.equal((await signUp("farm4", { "x-forwarded-for": freshAddress() })).status, 201);
  // The sign-up form (a server action, posted as a browser does without JavaScript) shares the limit.
  const browser = new WebClient(proxied.base, address);
  const actionField = /name="(\$ACTION_ID_[^"]+)"/.exec(await (await browser.request("/signup")).text())?.[1];
  assert.ok(actionField, "the sign-up form names its server action");
  const form = new FormData();
  for (const [key, value] of [[actionField, ""], ["username", "farm5"], ["password", password]]) form.append(key!, value!);
  const posted = await browser.request("/signup", { method: "POST", body: form, headers: { origin: proxied.base } });
  assert.equal(posted.status, 303);
  assert.match(posted.headers.get("location") ?? "", /\/signup\?error=signup_limited$/);
});

// Last: it locks 127.0.0.1, the address every request to `direct` comes from.
test("with no trusted proxy a forged X-Forwarded-For changes nothing; a locked form post gets a page", async () => {
  await user("spoofed");
  for (let i = 0; i < limit; i++) {
    await new WebClient(direct.base, { "x-forwarded-for": freshAddress() }).signIn(`stranger${i}`, "wrong-password");
  }
  // Every one of those came from 127.0.0.1, so it is locked, for any username and any forged header.
  const forged = await new WebClient(direct.base, { "x-forwarded-for": freshAddress() }).signIn("spoofed", password);
  assert.equal(forged.status, 429);
  const browser = new WebClient(direct.base);
  const token = await browser.csrfToken();
  const page = await browser.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: new URLSearchParams({ csrfToken: token, username: "spoofed", password }).toString(),
  });
  assert.equal(page.status, 429);
  assert.match(page.headers.get("content-type") ?? "", /text\/html/);
  assert.ok(Number(page.headers.get("retry-after")) > 0);
  assert.match(await page.text(), /Too many failed sign-ins/);
});
