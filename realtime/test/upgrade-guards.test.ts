import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { CompactEncrypt, EncryptJWT } from "jose";
import { users } from "../../db/schema";
import { sessionKeyFor } from "../../lib/session-token";
import { newSessionClaims } from "../../protocol/session-claims";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { mintSessionToken } from "../../test/support/tokens";
import { startSidecar, type Sidecar } from "../server";
import { makeUser, secret, testConfig, upgradeStatus, type TestUser } from "./helpers";

/*
 * Upgrade hardening against a real sidecar: only next-auth's own small
 * {alg:"dir",enc:"A256GCM"} tokens with an exp, of users that exist, are
 * tried; PBES2 costs no CPU. Socket caps and the upgrade limit are in
 * upgrade-limits.test.ts.
 */
let db: TestDatabase;
let sidecar: Sidecar;
let alice: TestUser;

before(async () => {
  db = await createTestDatabase("chat_rt");
  sidecar = await startSidecar(testConfig(db.url));
  alice = await makeUser({ db }, "alice");
});
after(async () => {
  await sidecar?.stop();
  await db?.drop();
});

const key = () => sessionKeyFor(secret);
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** A token encrypted with PBES2 under the very key next-auth derives: a decoder that trusts the header would accept it. */
function pbes2Token(claims: object): Promise<string> {
  return new EncryptJWT({ ...claims })
    .setProtectedHeader({ alg: "PBES2-HS512+A256KW", enc: "A256GCM", p2c: 10_000 })
    .setExpirationTime(inAnHour())
    .encrypt(key());
}

test("a well-formed token of an existing user upgrades (101)", async () => {
  assert.equal(await upgradeStatus(sidecar.port, { token: alice.token }), 101);
});

test("a PBES2 token is refused (401), though a decoder trusting its header would accept it", async () => {
  const token = await pbes2Token(newSessionClaims(alice));
  const { decode } = await import("next-auth/jwt");
  assert.equal((await decode({ token, secret }))?.sub, alice.id, "next-auth's own decode accepts it");
  assert.equal(await upgradeStatus(sidecar.port, { token }), 401);
  // That no key is derived for it is shown in lib/session-token.test.ts.
});

test("other algorithms, extra header fields, and compressed tokens are refused (401)", async () => {
  const claims = { ...newSessionClaims(alice), exp: inAnHour() };
  const plaintext = new TextEncoder().encode(JSON.stringify(claims));
  const a128 = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: "dir", enc: "A128GCM" }).encrypt(key().slice(0, 16));
  const zipped = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: "dir", enc: "A256GCM", zip: "DEF" }).encrypt(key());
  const extra = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: "x" }).encrypt(key());
  const control = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(key());
  assert.equal(await upgradeStatus(sidecar.port, { token: control }), 101);
  for (const token of [a128, zipped, extra]) assert.equal(await upgradeStatus(sidecar.port, { token }), 401);
});

test("an oversized token is refused (401); the same claims in a small token are not", async () => {
  const padded = await new EncryptJWT({ ...newSessionClaims(alice), pad: "x".repeat(4000) })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setExpirationTime(inAnHour())
    .encrypt(key());
  assert.ok(padded.length > 4096);
  assert.equal(await upgradeStatus(sidecar.port, { token: padded }), 401);
  assert.equal(await upgradeStatus(sidecar.port, { token: await mintSessionToken(alice, { secret }) }), 101);
});

test("a token without exp is refused (401)", async () => {
  const token = await new EncryptJWT(newSessionClaims(alice)).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).setIssuedAt().encrypt(key());
  assert.equal(await upgradeStatus(sidecar.port, { token }), 401);
});

test("a token without session claims (sid, sv) is refused (401)", async () => {
  const { encode } = await import("next-auth/jwt");
  const token = await encode({ token: { sub: alice.id, username: "alice", name: "alice" }, secret });
  assert.equal(await upgradeStatus(sidecar.port, { token }), 401);
});

test("a validly signed token of a user that does not exist, or was deleted, is refused (401)", async () => {
  const ghost = await mintSessionToken({ id: crypto.randomUUID(), username: "ghost" }, { secret });
  assert.equal(await upgradeStatus(sidecar.port, { token: ghost }), 401);
  const bob = await makeUser({ db }, "bob");
  assert.equal(await upgradeStatus(sidecar.port, { token: bob.token }), 101);
  await db.db.delete(users).where(eq(users.id, bob.id));
  assert.equal(await upgradeStatus(sidecar.port, { token: bob.token }), 401);
});

test("a token of an older session version is refused (401)", async () => {
  await db.db.update(users).set({ sessionVersion: 3 }).where(eq(users.id, alice.id));
  try {
    assert.equal(await upgradeStatus(sidecar.port, { token: await mintSessionToken(alice, { secret, sessionVersion: 2 }) }), 401);
    assert.equal(await upgradeStatus(sidecar.port, { token: await mintSessionToken(alice, { secret, sessionVersion: 3 }) }), 101);
  } finally {
    await db.db.update(users).set({ sessionVersion: 0 }).where(eq(users.id, alice.id));
  }
});

test("at most two candidate tokens are tried", async () => {
  const good = alice.token;
  const bad = await mintSessionToken(alice, { secret: "another-secret-0123456789" });
  // Bearer (bad), then the cookie (good): two candidates, the second one works.
  assert.equal(await upgradeStatus(sidecar.port, { token: bad, cookie: `next-auth.session-token=${good}` }), 101);
  // Bearer, __Secure- cookie, then the plain cookie: the third is never tried.
  const three = { token: bad, cookie: `__Secure-next-auth.session-token=${bad}; next-auth.session-token=${good}` };
  assert.equal(await upgradeStatus(sidecar.port, three), 401);
});
