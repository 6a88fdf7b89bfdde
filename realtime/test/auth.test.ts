import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { mintSessionToken } from "../../test/support/tokens";
import { closeClients, makeUser, secret, startStack, stopStack, TestClient, upgradeStatus, webOrigin, type Stack, type TestUser } from "./helpers";

let stack: Stack;
let alice: TestUser;

before(async () => {
  stack = await startStack();
  alice = await makeUser(stack, "alice");
});
afterEach(closeClients);
after(() => stopStack(stack));

test("upgrade without a token is refused with 401", async () => {
  assert.equal(await upgradeStatus(stack.port, {}), 401);
});

test("a forged, foreign-secret or expired token is refused with 401", async () => {
  assert.equal(await upgradeStatus(stack.port, { token: "not-a-jwt" }), 401);
  const { encode } = await import("next-auth/jwt");
  const foreign = await encode({ token: { sub: alice.id, username: "alice" }, secret: "another-secret-0123456789" });
  assert.equal(await upgradeStatus(stack.port, { token: foreign }), 401);
  const expired = await mintSessionToken(alice, { secret, maxAge: -60 });
  assert.equal(await upgradeStatus(stack.port, { token: expired }), 401);
});

test("a foreign Origin is refused with 403 even with a valid token", async () => {
  assert.equal(await upgradeStatus(stack.port, { token: alice.token, origin: "http://evil.example" }), 403);
});

test("an allowed Origin and no Origin both upgrade (101)", async () => {
  assert.equal(await upgradeStatus(stack.port, { token: alice.token, origin: webOrigin }), 101);
  assert.equal(await upgradeStatus(stack.port, { token: alice.token, origin: "http://localhost:3000" }), 101);
  assert.equal(await upgradeStatus(stack.port, { token: alice.token }), 101);
});

test("the session cookie works, plain, __Secure- and chunked", async () => {
  const t = alice.token;
  assert.equal(await upgradeStatus(stack.port, { cookie: `other=1; next-auth.session-token=${t}` }), 101);
  assert.equal(await upgradeStatus(stack.port, { cookie: `__Secure-next-auth.session-token=${t}` }), 101);
  const half = Math.floor(t.length / 2);
  const chunked = `next-auth.session-token.0=${t.slice(0, half)}; next-auth.session-token.1=${t.slice(half)}`;
  assert.equal(await upgradeStatus(stack.port, { cookie: chunked }), 101);
});

test("on open the server sends ready with the user and node", async () => {
  const client = await TestClient.connect(stack.port, alice, { origin: webOrigin });
  const ready = await client.next("ready");
  assert.deepEqual(ready, { type: "ready", user: { id: alice.id, username: "alice" }, node: "test-node" });
  client.close();
});

test("GET /healthz answers 200 {ok:true,broker:\"local\"}; unknown paths 404", async () => {
  const health = await fetch(`http://127.0.0.1:${stack.port}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { ok: true, broker: "local" });
  assert.equal((await fetch(`http://127.0.0.1:${stack.port}/nope`)).status, 404);
});

test("the socket closes with 4001 when the session token expires", async () => {
  // Long enough to connect on a busy box (an expired token is refused at upgrade instead).
  const shortLived = { ...alice, token: await mintSessionToken(alice, { secret, maxAge: 3 }) };
  const client = await TestClient.connect(stack.port, shortLived);
  const closed = await client.waitClosed();
  assert.equal(closed.code, 4001);
});

test("GET /healthz answers 503 when the database does not", async () => {
  const { startSidecar } = await import("../server");
  const sidecar = await startSidecar({ ...stack.config, databaseUrl: "postgres://postgres@127.0.0.1:1/none" });
  try {
    const health = await fetch(`http://127.0.0.1:${sidecar.port}/healthz`);
    assert.equal(health.status, 503);
  } finally {
    await sidecar.stop();
  }
});
