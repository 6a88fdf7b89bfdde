import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import postgres from "postgres";
import { TestClient } from "../realtime/test/helpers";
import { appRole } from "../scripts/launch/app-role";
import { appPasswordFile, superuserPasswordFile, urlOf } from "../scripts/launch/embedded-db";
import { expectLeastPrivilege } from "./support/app-role-checks";
import { parseLogLine } from "./support/log-lines";
import { freePorts } from "./support/ports";
import { spawnLogged, stopProc } from "./support/processes";
import { waitFor } from "./wait-for";
import { WebClient } from "./web-client";

/*
 * `npm start` as a user runs it: no DATABASE_URL, no secret. It must bring up
 * an embedded PostgreSQL (its passwords generated, the app on a role of its
 * own), both processes and a kept secret, and stop all of it on SIGTERM. Free
 * ports and a data folder of its own, so it never meets a running app. All
 * it prints, its children's lines included, is JSON log lines.
 */
const [web, realtime, postgresPort] = (await freePorts(3)) as [number, number, number];
const ports = { web, realtime, postgres: postgresPort };

test("the launcher starts embedded PostgreSQL, web and sidecar, and stops them on SIGTERM", { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-launch-"));
  const env = {
    DATA_DIR: dataDir,
    WEB_PORT: String(ports.web),
    REALTIME_PORT: String(ports.realtime),
    EMBEDDED_PG_PORT: String(ports.postgres),
    DATABASE_URL: undefined,
    NEXTAUTH_SECRET: undefined,
  };
  let output = "";
  const launcher = spawnLogged({ name: "launcher", command: process.execPath, args: ["scripts/bootstrap.mjs"], env, onLine: (line) => (output += `${line}\n`) });
  const died = launcher.exited.then((code) => {
    throw new Error(`launcher exited early with ${code}:\n${output}`);
  });
  died.catch(() => {}); // after the deliberate SIGTERM below, an exit is expected
  try {
    await Promise.race([died, waitFor(
      async () => {
        for (const port of [ports.web, ports.realtime]) {
          const response = await fetch(`http://127.0.0.1:${port}/healthz`);
          assert.equal(((await response.json()) as { ok: boolean }).ok, true);
        }
      },
      { timeoutMs: 240_000, intervalMs: 250 },
    )]);
    assert.match(output, new RegExp(`Chat is up: +http://127\\.0\\.0\\.1:${ports.web}`));
    for (const file of ["nextauth-secret", superuserPasswordFile, appPasswordFile]) {
      assert.ok(readSecret(dataDir, file).length >= 32, file);
      assert.equal(statSync(path.join(dataDir, file)).mode & 0o777, 0o600, `${file} is readable by its owner only`);
    }
    await signUpAndSend(`http://127.0.0.1:${ports.web}`);
    const appUrl = urlOf(ports.postgres, appRole, readSecret(dataDir, appPasswordFile), "chat");
    await expectLeastPrivilege(appUrl);
    assert.deepEqual(await appConnectionRoles(urlOf(ports.postgres, "postgres", readSecret(dataDir, superuserPasswordFile), "chat")), [appRole]);
    await waitFor(() => assert.match(output, /"name":"realtime".*"msg":"socket closed"/));
  } finally {
    await stopProc(launcher, "SIGTERM", 60_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Reached only when the checks passed (an early death fails above, with the launcher's output).
  assert.equal(await launcher.exited, 0, output);
  expectOnlyLogLines(output);
  for (const port of [ports.web, ports.realtime, ports.postgres]) {
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), `port ${port} should be closed`);
  }
});

/** Every line JSON (children's lines passed through unbroken, not prefixed); the launcher's, the web app's and the sidecar's among them. */
function expectOnlyLogLines(output: string): void {
  const lines = output.trimEnd().split("\n").map(parseLogLine);
  assert.ok(lines.some((l) => l.name === "launcher" && l.msg.startsWith(`Chat is up: http://127.0.0.1:${ports.web}`)));
  assert.ok(lines.some((l) => l.name === "web" && l.msg === "request" && l.path === "/api/signup" && l.status === 201));
  assert.ok(lines.some((l) => l.name === "realtime" && l.msg === "socket closed" && typeof l.code === "number"));
}

function readSecret(dataDir: string, file: string): string {
  return readFileSync(path.join(dataDir, file), "utf8").trim();
}

/** The app end to end on its least-privilege role: sign up and in (web), a room, a message acked (sidecar) and listed (web). */
async function signUpAndSend(base: string): Promise<void> {
  const browser = new WebClient(base, { origin: base });
  const user = { username: "launch_user", password: "password-123" };
  assert.equal((await browser.request("/api/signup", { method: "POST", json: user })).status, 201);
  await browser.signIn(user.username, user.password);
  assert.ok(browser.signedIn);
  const created = await browser.request("/api/rooms", { method: "POST", json: { name: "launch-room", kind: "public" } });
  assert.equal(created.status, 201);
  const room = (await created.json()) as { id: string };
  const socket = await TestClient.connect(ports.realtime, { id: "", username: user.username, token: "" }, { cookie: browser.cookieHeader, origin: base });
  try {
    await socket.subscribe(room.id);
    const ack = await socket.sendMessage(room.id, "hello from the least-privilege role");
    assert.equal(ack.seq, 1);
  } finally {
    socket.close();
  }
  const listed = (await (await browser.request(`/api/rooms/${room.id}/messages`)).json()) as { messages: { body: string }[] };
  assert.deepEqual(listed.messages.map((m) => m.body), ["hello from the least-privilege role"]);
}

/** The roles of every other connection to the app's database: the web app's and the sidecar's pools. */
async function appConnectionRoles(ownerUrl: string): Promise<string[]> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      select distinct usename from pg_stat_activity
      where datname = 'chat' and backend_type = 'client backend' and pid <> pg_backend_pid()`;
    return rows.map((r) => r.usename as string);
  } finally {
    await sql.end();
  }
}
