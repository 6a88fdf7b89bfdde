import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { makeUser, secret, TestClient, upgradeStatus, webOrigin, type TestUser } from "../realtime/test/helpers";
import { createTestDatabase, type TestDatabase } from "./db";
import { LogLines } from "./support/log-lines";
import { startSidecarProcess, type SidecarProcess } from "./support/sidecar";
import { mintSessionToken } from "./support/tokens";

/*
 * The sidecar's log, read from a real sidecar process: only JSON lines; one
 * line per refused upgrade with its reason, the client's address and Origin,
 * and never the token or cookie it came with; one per close with its code.
 */
let database: TestDatabase;
let sidecar: SidecarProcess;
let alice: TestUser;
const logs = new LogLines();

before(async () => {
  database = await createTestDatabase("chat_logs");
  alice = await makeUser({ db: database }, "alice");
  const env = { LOG_LEVEL: "info", NODE_ID: "logs-node", ALLOWED_ORIGINS: webOrigin };
  sidecar = await startSidecarProcess({ databaseUrl: database.url, secret, env, onLine: logs.add });
});
after(async () => {
  await sidecar?.stop();
  await database?.drop();
});

test("each refused upgrade is one line with its reason; no token or cookie is ever logged", async () => {
  const otherSecret = "another-secret-0123456789abcdef";
  const tries = [
    { reason: "origin", status: 403, token: alice.token, origin: "https://evil.example" },
    { reason: "no_token", status: 401, origin: webOrigin },
    { reason: "bad_token", status: 401, token: `forged-${"x".repeat(40)}` },
    { reason: "bad_token", status: 401, cookie: await mintSessionToken(alice, { secret: otherSecret }) },
    { reason: "expired", status: 401, token: await mintSessionToken(alice, { secret, maxAge: -60 }) },
    { reason: "revoked", status: 401, token: await mintSessionToken(alice, { secret, sessionVersion: 7 }), user: alice.id },
  ];
  for (const { reason, status, token, cookie, origin } of tries) {
    const options = { token, origin, cookie: cookie && `next-auth.session-token=${cookie}` };
    assert.equal(await upgradeStatus(sidecar.port, options), status, reason);
  }
  // A marker: this socket's close is logged after every refusal above, so none can come later.
  const marker = await TestClient.connect(sidecar.port, alice, { origin: webOrigin });
  marker.ws.close(1000);
  await logs.next({ msg: "socket closed", code: 1000 });

  const refused = logs.where({ msg: "upgrade refused" });
  assert.deepEqual(refused.map((l) => [l.reason, l.status, l.user]), tries.map((t) => [t.reason, t.status, t.user]));
  for (const line of refused) {
    assert.equal(line.address, "127.0.0.1");
    assert.equal(line.node, "logs-node");
  }
  assert.equal(refused[0]!.origin, "https://evil.example");
  const everything = logs.raw.join("\n");
  for (const secretText of [alice.token, ...tries.flatMap((t) => [t.token, t.cookie]).filter((s): s is string => !!s)]) {
    assert.ok(!everything.includes(secretText), "a token or cookie value appears in the log");
  }
});

test("each close is one line with its code, the user, how long the socket lived and the node", async () => {
  const client = await TestClient.connect(sidecar.port, alice, { origin: webOrigin });
  client.send("x".repeat(20_000)); // over MAX_FRAME_BYTES: the sidecar closes with 1009
  assert.equal((await client.waitClosed()).code, 1009);
  const line = await logs.next({ msg: "socket closed", code: 1009 });
  assert.equal(line.user, alice.id);
  assert.equal(line.node, "logs-node");
  assert.equal(line.name, "realtime");
  assert.ok(typeof line.lifetimeMs === "number" && line.lifetimeMs >= 0);
});

test("everything the sidecar printed is a JSON log line naming the process and node", () => {
  const lines = logs.all();
  assert.ok(lines.length >= 8);
  for (const line of lines) assert.deepEqual([line.name, line.node], ["realtime", "logs-node"]);
  assert.ok(lines.some((l) => l.msg === "realtime sidecar listening"));
});
