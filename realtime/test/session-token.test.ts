import assert from "node:assert/strict";
import { test } from "node:test";
import { encode } from "next-auth/jwt";
import { EncryptJWT, compactDecrypt } from "jose";
import { newSessionClaims } from "../../protocol/session-claims";
import { decodeSessionPayload, encodeSessionToken, hasSessionTokenShape, sessionKeyFor } from "../../lib/session-token";

const secret = "unit-test-secret-0123456789";
const user = { id: "7d9f0c1e-2a3b-4c5d-8e6f-001122334455", username: "alice" };

test("reads next-auth's own tokens, and next-auth reads ours (same key, same header)", async () => {
  const theirs = await encode({ token: newSessionClaims(user, 2), secret });
  const decoded = await decodeSessionPayload(theirs, secret);
  assert.equal(decoded?.sub, user.id);
  assert.equal(decoded?.sv, 2);
  const ours = await encodeSessionToken(newSessionClaims(user), secret, 60);
  const { decode } = await import("next-auth/jwt");
  assert.equal((await decode({ token: ours, secret }))?.username, "alice");
});

test("refuses a PBES2 token before any key derivation: far cheaper than one PBES2 try", async () => {
  const key = sessionKeyFor(secret);
  const token = await new EncryptJWT({ ...newSessionClaims(user) })
    .setProtectedHeader({ alg: "PBES2-HS512+A256KW", enc: "A256GCM", p2c: 10_000 })
    .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
    .encrypt(key);
  assert.equal(hasSessionTokenShape(token), false);
  let oneTry = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    await compactDecrypt(token, key);
    oneTry = Math.min(oneTry, cpuMicros(start));
  }
  const refusals = 200;
  const start = process.cpuUsage();
  for (let i = 0; i < refusals; i++) assert.equal(await decodeSessionPayload(token, secret), null);
  // 200 refusals cost less than 10 tries would: no key is derived for any of them.
  assert.ok(cpuMicros(start) < 10 * oneTry, `${refusals} refusals: ${cpuMicros(start)} µs; one try: ${oneTry} µs`);
});

test("shape: five parts, no encrypted key, exactly {alg:dir, enc:A256GCM}, at most 4096 characters", async () => {
  const good = await encodeSessionToken(newSessionClaims(user), secret, 60);
  assert.equal(hasSessionTokenShape(good), true);
  const [, ...rest] = good.split(".");
  const header = (h: object) => [Buffer.from(JSON.stringify(h)).toString("base64url"), ...rest].join(".");
  assert.equal(hasSessionTokenShape(header({ alg: "dir", enc: "A128GCM" })), false);
  assert.equal(hasSessionTokenShape(header({ alg: "dir", enc: "A256GCM", zip: "DEF" })), false);
  assert.equal(hasSessionTokenShape(header({ enc: "A256GCM", alg: "dir" })), true);
  assert.equal(hasSessionTokenShape("a.b.c"), false);
  assert.equal(hasSessionTokenShape(`${good}${"A".repeat(4096)}`), false);
});

test("refuses tokens without exp, expired ones, and ones without session claims", async () => {
  const key = sessionKeyFor(secret);
  const noExp = await new EncryptJWT(newSessionClaims(user)).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(key);
  assert.equal(await decodeSessionPayload(noExp, secret), null);
  assert.equal(await decodeSessionPayload(await encodeSessionToken(newSessionClaims(user), secret, -60), secret), null);
  const noSid = await encode({ token: { sub: user.id, username: "alice" }, secret });
  assert.equal(await decodeSessionPayload(noSid, secret), null);
});

function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}
