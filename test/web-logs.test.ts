import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "./db";
import { LogLines, type LogLine } from "./support/log-lines";
import { startWeb, type WebProcess } from "./support/web";

/*
 * The web app's access log, read from the built app's process: one line per
 * request with method, path (never the query), status, duration and a
 * request id that is also the response's x-request-id; a sane incoming id is
 * kept, a hostile one replaced; a route's error line carries the same id.
 */
let database: TestDatabase;
let web: WebProcess;
const logs = new LogLines();
let dropped = false;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

before(async () => {
  database = await createTestDatabase("chat_weblogs");
  web = await startWeb({ databaseUrl: database.url, env: { LOG_LEVEL: "info" }, onLine: logs.add });
});
after(async () => {
  await web?.stop();
  if (!dropped) await database?.drop();
});

/** GET path with these headers; the response and its access-log line (found by the response's request id). */
async function logged(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const response = await fetch(`${web.base}${path}`, { ...init, headers });
  await response.arrayBuffer();
  const reqId = response.headers.get("x-request-id");
  assert.ok(reqId, "the response has an x-request-id");
  const line: LogLine = await logs.next({ msg: "request", reqId });
  return { response, reqId, line };
}

test("an API request is one line with method, path, status, duration and the request id it was sent", async () => {
  const { response, line } = await logged("/api/rooms", { "x-request-id": "edge-7f3a.91:b_2" });
  assert.equal(response.status, 401);
  assert.equal(response.headers.get("x-request-id"), "edge-7f3a.91:b_2");
  assert.deepEqual([line.method, line.path, line.status, line.name], ["GET", "/api/rooms", 401, "web"]);
  assert.ok(typeof line.durationMs === "number" && line.durationMs >= 0);
  assert.equal(logs.where({ msg: "request", reqId: "edge-7f3a.91:b_2" }).length, 1);
});

test("without an incoming id one is generated; the query string is never logged", async () => {
  const { reqId, line } = await logged("/api/search?q=my-secret-search-term");
  assert.match(reqId, uuid);
  assert.equal(line.path, "/api/search");
  assert.ok(!logs.raw.join("\n").includes("my-secret-search-term"));
});

test("a hostile incoming id (too long, a control character, JSON) is replaced by a fresh one", async () => {
  for (const hostile of ["a".repeat(129), "ab\tcd", 'x","level":60,"msg":"forged']) {
    const { reqId, line } = await logged("/api/rooms", { "x-request-id": hostile });
    assert.match(reqId, uuid);
    assert.equal(line.reqId, reqId);
  }
  assert.ok(!logs.raw.some((raw) => raw.includes("forged") || raw.includes("a".repeat(129))));
});

test("build assets are not logged; pages are", async () => {
  const asset = await fetch(`${web.base}/_next/static/chunks/not-there.js`, { headers: { "x-request-id": "asset-request" } });
  await asset.arrayBuffer();
  const { line } = await logged("/signin", { "x-request-id": "page-request" });
  assert.deepEqual([line.path, line.status], ["/signin", 200]);
  assert.equal(logs.where({ reqId: "asset-request" }).length, 0, "the asset was requested before the page: its line would be there");
});

test("a route's error line carries the request id of its access-log line", async () => {
  await database.drop(); // every query fails from here on: signup answers 500
  dropped = true;
  const body = JSON.stringify({ username: "nobody_here", password: "password-123" });
  const { response, reqId, line } = await logged("/api/signup", { "content-type": "application/json", "x-request-id": "failing-signup" }, { method: "POST", body });
  assert.equal(response.status, 500);
  assert.deepEqual([reqId, line.status, line.method], ["failing-signup", 500, "POST"]);
  const failure = await logs.next({ msg: "route failed", reqId: "failing-signup" });
  assert.equal(failure.route, "signup");
  assert.equal(failure.level, 50);
});

test("everything the web app printed is a JSON log line naming the process", () => {
  const lines = logs.all();
  for (const line of lines) assert.equal(line.name, "web");
  assert.ok(lines.some((l) => /^web server listening on http:\/\/127\.0\.0\.1:\d+$/.test(l.msg)));
});
