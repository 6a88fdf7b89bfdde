import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { PrivatePostgres } from "./chaos/private-postgres";
import { freePort } from "./support/ports";
import { startWeb, type WebProcess } from "./support/web";
import { waitFor } from "./wait-for";

/*
 * The web server's liveness, readiness and drain (lib/web-drain.ts), against
 * the real built app on a PostgreSQL of the test's own (it is stopped): a
 * request in flight at SIGTERM is answered, on a connection that then closes,
 * before the process exits 0; a second SIGTERM ends a stuck drain at once.
 */
let dir: string;
let postgres: PrivatePostgres;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chat-web-drain-"));
  postgres = await PrivatePostgres.create(dir, await freePort());
  await postgres.startFresh();
});
after(async () => {
  await postgres.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

async function startLoggedWeb(name: string, env: Record<string, string>): Promise<{ web: WebProcess; logFile: string }> {
  const logFile = path.join(dir, `${name}.log`);
  return { web: await startWeb({ databaseUrl: postgres.url, env: { LOG_LEVEL: "info", ...env }, logFile }), logFile };
}

const logged = (logFile: string, text: string) =>
  waitFor(() => assert.ok(readFileSync(logFile, "utf8").includes(text), `"${text}" in ${logFile}`));

async function get(web: WebProcess, p: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${web.base}${p}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

/**
 * A POST whose body has not arrived: in flight until finish() sends it. It
 * asks `Expect: 100-continue`, so Node's "100 Continue" marks the moment the
 * server holds the request (no guessing with a sleep).
 */
async function requestInFlight(port: number, username: string) {
  const socket = net.connect(port, "127.0.0.1");
  let answer = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (answer += chunk));
  const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  const body = JSON.stringify({ username, password: "password-123" });
  const headers = [`POST /api/signup HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Content-Type: application/json", `Content-Length: ${body.length}`, "Expect: 100-continue"];
  socket.write(`${headers.join("\r\n")}\r\n\r\n`);
  await waitFor(() => assert.match(answer, /^HTTP\/1\.1 100 Continue\r\n\r\n/));
  return {
    finish: () => socket.write(body),
    /** Everything after the 100 Continue, once the server closed the connection. */
    answered: () => ended.then(() => answer.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, "")),
    destroy: () => socket.destroy(),
  };
}

test("/livez 200 always; /readyz and /healthz 503 while the database is unreachable; SIGTERM answers the request in flight, then exits 0", { timeout: 180_000 }, async () => {
  const { web, logFile } = await startLoggedWeb("web-a", { SHUTDOWN_TIMEOUT_MS: "600000", BCRYPT_COST: "4" });
  try {
    assert.deepEqual(await get(web, "/livez"), { status: 200, body: { ok: true } });
    assert.deepEqual(await get(web, "/readyz"), { status: 200, body: { ok: true } });
    await postgres.stop();
    await waitFor(async () => assert.deepEqual(await get(web, "/readyz"), { status: 503, body: { ok: false } }));
    assert.deepEqual(await get(web, "/healthz"), { status: 503, body: { ok: false } });
    assert.deepEqual(await get(web, "/livez"), { status: 200, body: { ok: true } });
    await postgres.restart();
    await waitFor(async () => assert.deepEqual(await get(web, "/healthz"), { status: 200, body: { ok: true } }));

    const request = await requestInFlight(web.port, "in_flight");
    process.kill(web.pid, "SIGTERM");
    await logged(logFile, "draining");
    await assert.rejects(fetch(`${web.base}/livez`), "no new connections once draining");
    assert.equal(web.proc.child.exitCode, null, "the request in flight holds the drain");
    request.finish();
    const answer = await request.answered();
    assert.match(answer, /^HTTP\/1\.1 201 /);
    assert.match(answer, /\r\nconnection: close\r\n/i);
    assert.equal(await web.proc.exited, 0);
  } finally {
    await web.stop();
  }
});

test("a second SIGTERM ends a drain that a stuck request holds, at once", { timeout: 180_000 }, async () => {
  const { web, logFile } = await startLoggedWeb("web-b", { SHUTDOWN_TIMEOUT_MS: "600000" });
  const request = await requestInFlight(web.port, "never_sent");
  try {
    process.kill(web.pid, "SIGTERM");
    await logged(logFile, "draining");
    assert.equal(web.proc.child.exitCode, null, "the stuck request holds the drain");
    process.kill(web.pid, "SIGTERM");
    assert.equal(await web.proc.exited, 1);
    await logged(logFile, "second signal: exiting now");
  } finally {
    request.destroy();
    await web.stop();
  }
});
