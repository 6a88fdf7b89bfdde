import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { waitFor } from "../../test/wait-for";
import { startSidecar, type Sidecar } from "../server";
import { startClusterStack, stopClusterStack } from "./cluster-helpers";
import { makeUser, testConfig } from "./helpers";
import { upgradeResponse, type UpgradeAnswer } from "./upgrade-response";

/*
 * Who may open how many sockets, against real sidecars: upgrades per address
 * per window (429 + Retry-After), open sockets per user and per address
 * (429 until one closes), and the address taken from X-Forwarded-For only
 * through the configured number of trusted proxy hops.
 */
let db: TestDatabase;
const sidecars: Sidecar[] = [];

before(async () => {
  db = await createTestDatabase("chat_rt");
});
after(async () => {
  await Promise.all(sidecars.map((s) => s.stop()));
  await db?.drop();
});

async function sidecarWith(env: Record<string, string>): Promise<Sidecar> {
  const sidecar = await startSidecar(testConfig(db.url, { env }));
  sidecars.push(sidecar);
  return sidecar;
}

const from = (address: string) => ({ "x-forwarded-for": `203.0.113.250, ${address}` });

function assertLimited(answer: UpgradeAnswer): void {
  assert.equal(answer.status, 429);
  const retryAfter = Number(answer.headers["retry-after"]);
  assert.ok(retryAfter >= 1, `Retry-After: ${String(answer.headers["retry-after"])}`);
  assert.deepEqual(JSON.parse(answer.body), { error: "rate_limited", retryAfter });
}

test("upgrades per address are limited (429, Retry-After); other addresses are not", async () => {
  const sidecar = await sidecarWith({ UPGRADE_RATE_LIMIT: "3", UPGRADE_RATE_WINDOW_SECONDS: "60", TRUSTED_PROXY_HOPS: "1" });
  const user = await makeUser({ db }, "rate_a");
  for (let i = 0; i < 3; i++) {
    const answer = await upgradeResponse(sidecar.port, { token: user.token, headers: from("198.51.100.1") });
    assert.equal(answer.status, 101);
    answer.socket!.close();
  }
  assertLimited(await upgradeResponse(sidecar.port, { token: user.token, headers: from("198.51.100.1") }));
  // A bad token from a limited address is refused before it is read: still 429, no crypto spent.
  assertLimited(await upgradeResponse(sidecar.port, { token: "x", headers: from("198.51.100.1") }));
  const elsewhere = await upgradeResponse(sidecar.port, { token: user.token, headers: from("198.51.100.2") });
  assert.equal(elsewhere.status, 101);
  elsewhere.socket!.close();
});

test("without trusted hops, X-Forwarded-For is ignored: spoofing it does not escape the limit", async () => {
  const sidecar = await sidecarWith({ UPGRADE_RATE_LIMIT: "2" });
  const user = await makeUser({ db }, "rate_b");
  for (let i = 0; i < 2; i++) {
    const answer = await upgradeResponse(sidecar.port, { token: user.token, headers: from(`192.0.2.${i}`) });
    assert.equal(answer.status, 101);
    answer.socket!.close();
  }
  assertLimited(await upgradeResponse(sidecar.port, { token: user.token, headers: from("192.0.2.99") }));
});

test("open sockets per user are capped (429) until one closes", async () => {
  const sidecar = await sidecarWith({ MAX_SOCKETS_PER_USER: "2" });
  const user = await makeUser({ db }, "cap_user");
  const other = await makeUser({ db }, "cap_other");
  const open = [await upgradeResponse(sidecar.port, { token: user.token }), await upgradeResponse(sidecar.port, { token: user.token })];
  assert.deepEqual(open.map((a) => a.status), [101, 101]);
  assertLimited(await upgradeResponse(sidecar.port, { token: user.token }));
  const theirs = await upgradeResponse(sidecar.port, { token: other.token });
  assert.equal(theirs.status, 101, "another user is not affected");
  open[0]!.socket!.close();
  const again = await waitFor(async () => {
    const answer = await upgradeResponse(sidecar.port, { token: user.token });
    assert.equal(answer.status, 101, "a closed socket frees its place");
    return answer;
  });
  for (const socket of [open[1]!.socket!, theirs.socket!, again.socket!]) socket.close();
});

test("open sockets per address are capped (429), whoever the users are", async () => {
  const sidecar = await sidecarWith({ MAX_SOCKETS_PER_ADDRESS: "2", TRUSTED_PROXY_HOPS: "1" });
  const users = await Promise.all(["addr_a", "addr_b", "addr_c"].map((name) => makeUser({ db }, name)));
  const here = from("198.51.100.7");
  const open = [
    await upgradeResponse(sidecar.port, { token: users[0]!.token, headers: here }),
    await upgradeResponse(sidecar.port, { token: users[1]!.token, headers: here }),
  ];
  assert.deepEqual(open.map((a) => a.status), [101, 101]);
  assertLimited(await upgradeResponse(sidecar.port, { token: users[2]!.token, headers: here }));
  const there = await upgradeResponse(sidecar.port, { token: users[2]!.token, headers: from("198.51.100.8") });
  assert.equal(there.status, 101);
  for (const answer of [...open, there]) answer.socket!.close();
});

test("with Redis the upgrade limit is shared by every sidecar", async () => {
  const stack = await startClusterStack({ env: { UPGRADE_RATE_LIMIT: "2" } });
  try {
    const user = await makeUser(stack, "shared_rate");
    const [a, b] = stack.ports as [number, number];
    const opened = [await upgradeResponse(a, { token: user.token }), await upgradeResponse(b, { token: user.token })];
    assert.deepEqual(opened.map((o) => o.status), [101, 101]);
    assertLimited(await upgradeResponse(a, { token: user.token }));
    assertLimited(await upgradeResponse(b, { token: user.token }));
    opened.forEach((o) => o.socket!.close());
  } finally {
    await stopClusterStack(stack);
  }
});
